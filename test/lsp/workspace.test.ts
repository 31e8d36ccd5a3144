// Workspace scan and file watching over stdio: every file of every folder (not only open ones),
// .gitignore and keyward.exclude honoured, size cap, $/progress with percentages, cancellation,
// open documents winning over the disk scan, and .env state following file events.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import { findGit } from '../../server/src/git/gitPath';
import { useBuiltServer, makeRepo, removeDir, TestClient, uriOf, writeFile } from './harness';

const PIO = 'pio_sk_' + 'Q7mZ2xR9vK4pL8nW3cT6yB1' + '_' + '3f1c9a2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';

function tree(n: number, keyEvery: number): Record<string, string> {
  const files: Record<string, string> = { '.gitignore': 'ignored/\nnode_modules/\n' };
  for (let i = 0; i < n; i++) {
    const body = `export function f${i}(x: number) {\n  return x + ${i};\n}\n`;
    files[`src/d${i % 20}/file${i}.ts`] = i % keyEvery === 0 ? body + `export const apiKey${i} = "${PIO}";\n` : body;
  }
  files['ignored/secret.ts'] = `export const apiKey = "${PIO}";\n`;
  files['node_modules/pkg/index.js'] = `module.exports = { apiKey: "${PIO}" };\n`;
  files['fixtures/sample.ts'] = `export const apiKey = "${PIO}";\n`;
  files['big/huge.ts'] = `export const apiKey = "${PIO}";\n` + '// filler\n'.repeat(300);
  return files;
}

describe('LSP workspace scan and watchers', function () {
  this.timeout(60000);
  useBuiltServer();
  const repos: string[] = [];
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    repos.splice(0).forEach(removeDir);
  });

  it('scans closed files at start-up with progress, honouring .gitignore, exclude and the size cap', async () => {
    const repo = makeRepo(tree(200, 25));
    repos.push(repo);
    client = await TestClient.start({ folders: [repo], settings: () => ({ exclude: ['fixtures/**'], maxFileSizeKB: 2 }) });
    await client.waitFor(() => client!.progress.some((p) => p.value?.kind === 'end'), 30000, 'progress end');
    const withKeys = new Set(client.published.filter((p) => p.diagnostics.length).map((p) => path.relative(repo, new URL(p.uri).pathname)));
    const expected = Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 25 === 0).map((i) => `src/d${i % 20}/file${i}.ts`);
    assert.deepEqual([...withKeys].sort(), expected.sort());
    const begin = client.progress.find((p) => p.value?.kind === 'begin');
    assert.ok(begin && begin.value.cancellable === true);
    const reports = client.progress.filter((p) => p.value?.kind === 'report');
    assert.ok(reports.every((r) => typeof r.value.percentage === 'number' && r.value.percentage >= 0 && r.value.percentage <= 100));
    assert.equal(client.progressTokens.length, 1);
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
  });

  it('runs keyward.scanWorkspace on demand over several folders, and the open document wins', async () => {
    const a = makeRepo({ 'a.ts': `export const apiKey = "${PIO}";\n` });
    const b = makeRepo({ 'b.py': `API_KEY = "${PIO}"\n` });
    repos.push(a, b);
    client = await TestClient.start({ folders: [a, b], settings: () => ({ scanWorkspaceOnStartup: false, debounceMs: 0 }) });
    const summary = await client.executeCommand('keyward.scanWorkspace');
    assert.equal(summary.folders, 2);
    assert.equal(summary.filesWithFindings, 2);
    const aUri = uriOf(path.join(a, 'a.ts'));
    assert.equal(client.latest(aUri)?.diagnostics.length, 1);
    // Opening the file and removing the key: the live text wins over the disk scan.
    client.open(aUri, 'export const apiKey = process.env.PIONEER_API_KEY;\n', 'typescript');
    await client.waitDiagnostics(aUri, (d) => d.length === 0);
    // Closing shows the disk state again (the key is still on disk).
    client.close(aUri);
    await client.waitDiagnostics(aUri, (d) => d.length === 1);
  });

  it('can be cancelled from the progress UI, and keeps answering requests while it runs', async () => {
    const repo = makeRepo(tree(3000, 500));
    repos.push(repo);
    client = await TestClient.start({ folders: [repo], settings: () => ({ scanWorkspaceOnStartup: false, debounceMs: 0 }) });
    const run = client.executeCommand('keyward.scanWorkspace');
    const token = await client.waitFor(() => client!.progressTokens[0], 10000, 'progress token');
    await client.waitFor(() => client!.progress.some((p) => p.value?.kind === 'report'), 20000, 'a report');
    // A code action request is served between files.
    const uri = uriOf(path.join(repo, 'open.ts'));
    client.open(uri, `const apiKey = "${PIO}";\n`, 'typescript');
    const [d] = await client.waitDiagnostics(uri, (ds) => ds.length === 1);
    await client.codeActions(uri, d.range, [d]);
    // Answered while the scan still ran (it has not ended, and is cancelled below): served between files.
    assert.ok(!client.progress.some((p) => p.value?.kind === 'end'), 'the scan ended before the code action was answered');
    void client.conn.sendNotification('window/workDoneProgress/cancel', { token });
    const summary = await run;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.files < 3000, `scanned ${summary.files}`);
    assert.ok(client.progress.some((p) => p.value?.kind === 'end'));
  });

  it('re-evaluates .env state when .env and .gitignore are created, changed and deleted', async () => {
    const repo = makeRepo({ 'main.ts': 'export {};\n' });
    repos.push(repo);
    client = await TestClient.start({ folders: [repo], settings: () => ({ scanWorkspaceOnStartup: false }) });
    await client.waitFor(() => client!.registrations.length > 0, 5000, 'registrations');
    const envUri = uriOf(writeFile(repo, '.env', 'PIONEER_API_KEY=x\n'));
    client.fileEvents([{ uri: envUri, type: 1 }]);
    const [d] = await client.waitDiagnostics(envUri, (ds) => ds.some((x) => x.code === 'env-not-ignored'));
    assert.match(String(d.message), /\.gitignore/);
    const gi = writeFile(repo, '.gitignore', '.env\n');
    client.fileEvents([{ uri: uriOf(gi), type: 1 }]);
    await client.waitDiagnostics(envUri, (ds) => ds.length === 0);
    unlinkSync(gi);
    client.fileEvents([{ uri: uriOf(gi), type: 3 }]);
    await client.waitDiagnostics(envUri, (ds) => ds.length === 1);
    unlinkSync(path.join(repo, '.env'));
    client.fileEvents([{ uri: envUri, type: 3 }]);
    await client.waitDiagnostics(envUri, (ds) => ds.length === 0);
  });

  it('does not run git in an untrusted workspace but still judges .env with the in-process rules; a trusted one does', async () => {
    // A git first on PATH (an absolute folder outside the workspace) that records each call, then
    // runs the real git: the untrusted server must never call it, the trusted one must.
    const realGit = findGit();
    assert.ok(realGit, 'a real git on PATH');
    const spyDir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'keyward-gitspy-')));
    repos.push(spyDir);
    const log = path.join(spyDir, 'calls.log');
    writeFileSync(path.join(spyDir, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const calls = (): string => (existsSync(log) ? readFileSync(log, 'utf8') : '');
    for (const trusted of [false, true]) {
      const repo = makeRepo({ '.env': 'A=1\n', '.gitignore': '*.log\n' });
      repos.push(repo);
      const savedPath = process.env.PATH;
      process.env.PATH = `${spyDir}${path.delimiter}${savedPath}`;
      try {
        client = await TestClient.start({ folders: [repo], settings: () => ({ scanWorkspaceOnStartup: false }), initializationOptions: { trusted } });
      } finally {
        process.env.PATH = savedPath; // the server keeps the PATH it started with
      }
      const envUri = uriOf(path.join(repo, '.env'));
      await client.waitDiagnostics(envUri, (ds) => ds.some((x) => x.code === 'env-not-ignored'));
      if (trusted) assert.match(calls(), /check-ignore/, 'the trusted server judged .env with git');
      else assert.equal(calls(), '', 'the untrusted server ran git');
      await client.stop();
      client = undefined;
    }
  });

  it('does not write .gitignore through a symbolic link: the fix explains instead', async () => {
    const outside = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'keyward-home-')));
    repos.push(outside);
    writeFileSync(path.join(outside, '.profile'), 'export PS1=x\n');
    const repo = makeRepo({ '.env': 'A=1\n' });
    repos.push(repo);
    symlinkSync(path.join(outside, '.profile'), path.join(repo, '.gitignore'));
    client = await TestClient.start({ folders: [repo], settings: () => ({ scanWorkspaceOnStartup: false }) });
    const envUri = uriOf(path.join(repo, '.env'));
    const [d] = (await client.waitDiagnostics(envUri, (ds) => ds.some((x) => x.code === 'env-not-ignored'))).filter((x) => x.code === 'env-not-ignored');
    const actions = (await client.codeActions(envUri, d.range, [d])) as CodeAction[];
    assert.ok(actions.every((a) => !a.edit), JSON.stringify(actions));
    const explain = actions.find((a) => /cannot add \.env to \.gitignore/.test(a.title));
    assert.ok(explain?.command, actions.map((a) => a.title).join(' | '));
    assert.match(String(explain.command.arguments?.[0]), /\.gitignore: it is a symbolic link/);
    assert.equal(readFileSync(path.join(outside, '.profile'), 'utf8'), 'export PS1=x\n');
  });

  it('works with a client that has no configuration, progress or watcher support (defaults)', async () => {
    const repo = makeRepo({ 'k.ts': `export const apiKey = "${PIO}";\n` });
    repos.push(repo);
    client = await TestClient.start({ folders: [repo], capabilities: {} });
    const uri = uriOf(path.join(repo, 'k.ts'));
    // The start-up scan runs with default settings and publishes for the closed file.
    await client.waitDiagnostics(uri, (d) => d.length === 1, 20000);
    assert.equal(client.progressTokens.length, 0);
    assert.equal(client.registrations.length, 0);
  });
});

describe('LSP per-folder settings and custom providers', function () {
  this.timeout(60000);
  useBuiltServer();
  const repos: string[] = [];
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    repos.splice(0).forEach(removeDir);
  });

  it('reads settings per workspace folder (scopeUri)', async () => {
    const quiet = makeRepo({});
    const loud = makeRepo({});
    repos.push(quiet, loud);
    client = await TestClient.start({
      folders: [quiet, loud],
      settings: (scope) => ({ debounceMs: 0, scanWorkspaceOnStartup: false, rules: { 'hardcoded-key': { severity: scope === uriOf(quiet) ? 'off' : 'error' } } }),
    });
    const q = uriOf(path.join(quiet, 'a.ts'));
    const l = uriOf(path.join(loud, 'a.ts'));
    client.open(q, `export const apiKey = "${PIO}";\n`, 'typescript');
    client.open(l, `export const apiKey = "${PIO}";\n`, 'typescript');
    const [d] = await client.waitDiagnostics(l, (ds) => ds.length === 1);
    assert.equal(d.severity, 1);
    assert.equal(client.latest(q)?.diagnostics.length ?? 0, 0);
  });

  it('attributes keys of a custom provider from settings and names the env var after it', async () => {
    const repo = makeRepo({});
    repos.push(repo);
    const acme = ['acme', 'live', 'q8Z3mK7pW2xR9vT4nB6yL1cF'].join('_');
    client = await TestClient.start({
      folders: [repo],
      settings: () => ({
        debounceMs: 0,
        scanWorkspaceOnStartup: false,
        customProviders: [{ id: 'acme', name: 'Acme', envVar: 'ACME_TOKEN', hosts: ['api.acme.test'], prefix: 'acme_live_[A-Za-z0-9]{24}' }],
      }),
    });
    const uri = uriOf(path.join(repo, 'acme.js'));
    client.open(uri, `const client = makeClient({ token: "${acme}" });\n`, 'javascript');
    const [d] = await client.waitDiagnostics(uri, (ds) => ds.length === 1);
    assert.match(String(d.message), /Acme/);
    const actions = (await client.codeActions(uri, d.range, [d])) as { title: string }[];
    assert.ok(actions.some((a) => /^Move key to environment variable ACME_TOKEN/.test(a.title)), actions.map((a) => a.title).join(' | '));
  });
});

describe('LSP workspace folder changes', function () {
  this.timeout(60000);
  it('picks up a folder added while running', async () => {
    const first = makeRepo({});
    const added = makeRepo({ '.env': 'A=1\n', 'k.ts': `export const apiKey = "${PIO}";\n` });
    const client = await TestClient.start({ folders: [first], settings: () => ({ debounceMs: 0 }) });
    try {
      void client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(added), name: 'added' }], removed: [] } });
      await client.waitDiagnostics(uriOf(path.join(added, '.env')), (d) => d.some((x) => x.code === 'env-not-ignored'), 20000);
      await client.waitDiagnostics(uriOf(path.join(added, 'k.ts')), (d) => d.length === 1, 20000);
    } finally {
      await client.stop();
      removeDir(first);
      removeDir(added);
    }
  });
});
