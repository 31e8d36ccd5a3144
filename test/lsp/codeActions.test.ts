// Code actions from the bundled server, applied by the test client to real files in a real git
// repository, then judged with real tools: the TypeScript parser, Python's ast, git check-ignore.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { useBuiltServer, git, makeRepo, removeDir, TestClient, uriOf } from './harness';

const PIO = 'pio_sk_' + 'Q7mZ2xR9vK4pL8nW3cT6yB1' + '_' + '3f1c9a2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
const PIO_OTHER = 'pio_sk_' + 'Zz9yX8wV7uT6sR5qP4oN3mL' + '_' + '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function tsSyntaxErrors(text: string, file = 'x.ts'): string[] {
  const out = ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

function pythonParses(file: string): boolean {
  return spawnSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', file]).status === 0;
}

function checkIgnored(repo: string, rel: string): boolean {
  return git(repo, 'check-ignore', '-q', rel).code === 0;
}

function actionTitled(actions: unknown[], re: RegExp): CodeAction {
  const a = (actions as CodeAction[]).find((x) => re.test(x.title));
  assert.ok(a, `no action matching ${re}: ${(actions as CodeAction[]).map((x) => x.title).join(' | ')}`);
  return a;
}

describe('LSP code actions', function () {
  this.timeout(30000);
  useBuiltServer();
  let repo: string;
  let client: TestClient | undefined;
  let answer: string | undefined;

  async function start(files: Record<string, string>): Promise<void> {
    repo = makeRepo(files);
    client = await TestClient.start({
      folders: [repo],
      settings: () => ({ debounceMs: 0, scanWorkspaceOnStartup: false }),
      messageAnswer: () => answer,
    });
  }
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeDir(repo);
  });

  async function diagnosticsOf(rel: string, languageId: string): Promise<{ uri: string; diags: Diagnostic[] }> {
    const { uri } = client!.openFile(path.join(repo, rel), languageId);
    const diags = await client!.waitDiagnostics(uri, (d) => d.some((x) => x.code === 'hardcoded-key' || x.code === 'query-string-auth'));
    return { uri, diags };
  }

  it('moves a TypeScript key into .env, .gitignore and .env.example in one edit', async () => {
    await start({
      'src/client.ts': `import { Pioneer } from 'pioneer';\n\nexport const client = new Pioneer({\n  apiKey: "${PIO}",\n  timeout: 10,\n});\n`,
      '.env.example': 'OTHER_SETTING=\n',
    });
    const { uri, diags } = await diagnosticsOf('src/client.ts', 'typescript');
    const actions = await client!.codeActions(uri, diags[0].range, diags);
    const move = actionTitled(actions, /^Move key to environment variable PIONEER_API_KEY/);
    assert.equal(move.isPreferred, true);
    assert.ok(move.edit?.documentChanges?.length, 'documentChanges expected');
    assert.ok(!JSON.stringify(move.title).includes(PIO));
    client!.applyEdit(move.edit!);
    const src = readFileSync(path.join(repo, 'src/client.ts'), 'utf8');
    assert.ok(!src.includes(PIO));
    assert.match(src, /apiKey: process\.env\.PIONEER_API_KEY/);
    assert.deepEqual(tsSyntaxErrors(src), []);
    assert.match(readFileSync(path.join(repo, '.env'), 'utf8'), new RegExp(`^PIONEER_API_KEY=${PIO}$`, 'm'));
    assert.ok(checkIgnored(repo, '.env'), 'git must ignore .env after the fix');
    assert.equal(readFileSync(path.join(repo, '.env.example'), 'utf8'), 'OTHER_SETTING=\nPIONEER_API_KEY=\n');
    // The edited document has no finding left.
    await client!.waitDiagnostics(uri, (d) => !d.some((x) => x.code === 'hardcoded-key'));
  });

  it('moves a Python key (adding import os) and never overwrites a different .env value', async () => {
    await start({
      'app.py': `import requests\n\nPIONEER_API_KEY = "${PIO}"\nrequests.get("https://api.pioneer.ai/list-api-keys", headers={"X-API-Key": PIONEER_API_KEY})\n`,
      '.env': `PIONEER_API_KEY=${PIO_OTHER}\n`,
      '.gitignore': 'node_modules/\n.env\n',
    });
    const { uri, diags } = await diagnosticsOf('app.py', 'python');
    const actions = await client!.codeActions(uri, diags[0].range, diags);
    const move = actionTitled(actions, /^Move key to environment variable PIONEER_API_KEY_2/);
    client!.applyEdit(move.edit!);
    const file = path.join(repo, 'app.py');
    const src = readFileSync(file, 'utf8');
    assert.match(src, /^import os$/m);
    assert.match(src, /os\.environ\["PIONEER_API_KEY_2"\]/);
    assert.ok(pythonParses(file), src);
    const env = readFileSync(path.join(repo, '.env'), 'utf8');
    assert.ok(env.startsWith(`PIONEER_API_KEY=${PIO_OTHER}\n`), 'the existing value stays');
    assert.match(env, new RegExp(`^PIONEER_API_KEY_2=${PIO}$`, 'm'));
    // .gitignore already covered .env: untouched.
    assert.equal(readFileSync(path.join(repo, '.gitignore'), 'utf8'), 'node_modules/\n.env\n');
    assert.ok(!existsSync(path.join(repo, '.env.example')), '.env.example is only edited when it exists');
  });

  it('fixes all keys of a file as source.fixAll.keyward', async () => {
    await start({
      'keys.js': `const a = { apiKey: "${PIO}" };\nconst PINECALL_API_KEY = "pk_${'A1b2C3d4E5f6G7h8J9k0L1m2'}";\nmodule.exports = { a, PINECALL_API_KEY };\n`,
    });
    const { uri } = client!.openFile(path.join(repo, 'keys.js'), 'javascript');
    await client!.waitDiagnostics(uri, (d) => d.filter((x) => x.code === 'hardcoded-key').length >= 2);
    const actions = await client!.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.keyward']);
    assert.equal(actions.length, 1);
    const fix = actions[0] as CodeAction;
    assert.equal(fix.kind, 'source.fixAll.keyward');
    client!.applyEdit(fix.edit!);
    const src = readFileSync(path.join(repo, 'keys.js'), 'utf8');
    assert.deepEqual(tsSyntaxErrors(src, 'keys.js'), []);
    assert.ok(!src.includes(PIO) && !src.includes('pk_A1b2'), src);
    const env = readFileSync(path.join(repo, '.env'), 'utf8');
    assert.equal(env.split('\n').filter(Boolean).length, 2, env);
    assert.ok(checkIgnored(repo, '.env'));
  });

  it('inserts a keyward-ignore comment that silences the line', async () => {
    await start({ 'ignore.py': `def f():\n    token = "${PIO}"\n    return token\n` });
    const { uri, diags } = await diagnosticsOf('ignore.py', 'python');
    const actions = await client!.codeActions(uri, diags[0].range, diags);
    client!.applyEdit(actionTitled(actions, /^Ignore this line/).edit!);
    assert.ok(pythonParses(path.join(repo, 'ignore.py')));
    assert.match(readFileSync(path.join(repo, 'ignore.py'), 'utf8'), /keyward-ignore/);
    await client!.waitDiagnostics(uri, (d) => d.length === 0);
  });

  it('adds a finding to the baseline through workspace/applyEdit, which then suppresses it', async () => {
    await start({ 'base.ts': `export const apiKey = "${PIO}";\n` });
    const { uri, diags } = await diagnosticsOf('base.ts', 'typescript');
    const actions = await client!.codeActions(uri, diags[0].range, diags);
    const add = actionTitled(actions, /baseline/);
    const r = await client!.executeCommand(add.command!.command, add.command!.arguments);
    assert.deepEqual(r, { added: true });
    const baseline = JSON.parse(readFileSync(path.join(repo, '.keyward-baseline.json'), 'utf8'));
    // Issue 14 item 7: version 2, with the salt that keys its fingerprints (was version 1).
    assert.equal(baseline.version, 2);
    assert.match(baseline.salt, /^[0-9a-f]{64}$/);
    assert.notEqual(baseline.fingerprints[0].fingerprint, diags[0].data.fingerprint);
    assert.equal(baseline.fingerprints[0].file, 'base.ts');
    assert.ok(!JSON.stringify(baseline).includes(PIO));
    await client!.waitDiagnostics(uri, (d) => d.length === 0);
  });

  it('offers the docs for query-string-auth and opens only keyward\'s own page', async () => {
    await start({ 'q.js': `fetch("https://api.pioneer.ai/v1/run?api_key=Zx81kQm2Lp0sWv7RtY4uB6nC");\n` });
    const { uri } = client!.openFile(path.join(repo, 'q.js'), 'javascript');
    const diags = await client!.waitDiagnostics(uri, (ds) => ds.some((x) => x.code === 'query-string-auth'));
    const d = diags.find((x) => x.code === 'query-string-auth')!;
    const actions = await client!.codeActions(uri, d.range, [d]);
    const docs = actionTitled(actions, /docs/);
    await client!.executeCommand(docs.command!.command, docs.command!.arguments);
    assert.equal(client!.shownDocuments[0]?.uri, 'https://github.com/keyward/keyward#rule-query-string-auth');
    assert.deepEqual(await client!.executeCommand('keyward.openRuleDocs', ['https://evil.example/']), { opened: false });
  });

  it('sends a query-string key in the provider\'s header instead, moving the literal to .env', async () => {
    await start({ 'call.ts': `export async function run() {\n  const r = await fetch("https://api.pioneer.ai/v1/run?api_key=Zx81kQm2Lp0sWv7RtY4uB6nC&page=2");\n  return r.json();\n}\n` });
    const { uri } = client!.openFile(path.join(repo, 'call.ts'), 'typescript');
    const diags = await client!.waitDiagnostics(uri, (d) => d.some((x) => x.code === 'query-string-auth'));
    const d = diags.find((x) => x.code === 'query-string-auth')!;
    const actions = await client!.codeActions(uri, d.range, [d]);
    const header = actionTitled(actions, /^Send the key in the X-API-Key header instead/);
    client!.applyEdit(header.edit!);
    const src = readFileSync(path.join(repo, 'call.ts'), 'utf8');
    assert.deepEqual(tsSyntaxErrors(src), []);
    assert.ok(!src.includes('Zx81kQm2Lp0sWv7RtY4uB6nC'), src);
    assert.match(src, /X-API-Key/);
    assert.match(src, /page=2/);
    assert.match(readFileSync(path.join(repo, '.env'), 'utf8'), /=Zx81kQm2Lp0sWv7RtY4uB6nC$/m);
    assert.ok(checkIgnored(repo, '.env'));
  });

  it('explains why a key in JSON cannot be moved, instead of offering nothing', async () => {
    await start({ 'config.json': `{\n  "pioneer": { "apiKey": "${PIO}" }\n}\n` });
    const { uri, diags } = await diagnosticsOf('config.json', 'json');
    const actions = await client!.codeActions(uri, diags[0].range, diags);
    assert.ok(!(actions as CodeAction[]).some((a) => /^Move key/.test(a.title)));
    const why = actionTitled(actions, /^Why keyward cannot move/);
    await client!.executeCommand(why.command!.command, why.command!.arguments);
    const shown = await client!.waitFor(() => client!.messages.find((m) => m.message.startsWith('keyward:')), 5000, 'info message');
    assert.match(shown.message, /JSON/);
    assert.ok(!shown.message.includes(PIO));
  });

  it('adds .env to .gitignore for env-not-ignored, and the watcher clears the diagnostic', async () => {
    await start({ '.env': `PIONEER_API_KEY=${PIO}\n`, '.gitignore': 'dist/\n' });
    const envUri = uriOf(path.join(repo, '.env'));
    const giUri = uriOf(path.join(repo, '.gitignore'));
    const [d] = await client!.waitDiagnostics(envUri, (ds) => ds.some((x) => x.code === 'env-not-ignored'));
    // The same problem also stands on the .gitignore that should list the file.
    await client!.waitDiagnostics(giUri, (ds) => ds.some((x) => x.code === 'env-not-ignored'));
    assert.ok(!JSON.stringify(d).includes(PIO));
    const actions = await client!.codeActions(envUri, d.range, [d]);
    client!.applyEdit(actionTitled(actions, /^Add \.env to \.gitignore/).edit!);
    assert.equal(readFileSync(path.join(repo, '.gitignore'), 'utf8'), 'dist/\n.env\n');
    assert.ok(checkIgnored(repo, '.env'));
    client!.fileEvents([{ uri: giUri, type: 2 }]);
    await client!.waitDiagnostics(envUri, (ds) => ds.length === 0);
    await client!.waitDiagnostics(giUri, (ds) => ds.length === 0);
  });

  it('untracks a committed .env after the user confirms (git rm --cached), keeping the file', async () => {
    await start({ '.env': `PIONEER_API_KEY=${PIO}\n`, '.gitignore': '.env\n' });
    git(repo, 'add', '-f', '.env', '.gitignore');
    git(repo, 'commit', '-q', '-m', 'oops');
    const envUri = uriOf(path.join(repo, '.env'));
    client!.fileEvents([{ uri: uriOf(path.join(repo, '.git', 'index')), type: 2 }]);
    const [d] = await client!.waitDiagnostics(envUri, (ds) => ds.some((x) => x.code === 'env-tracked'));
    const actions = await client!.codeActions(envUri, d.range, [d]);
    const untrack = actionTitled(actions, /^Stop tracking \.env/);
    answer = undefined; // the user dismisses the question: nothing happens
    assert.equal((await client!.executeCommand(untrack.command!.command, untrack.command!.arguments)).untracked, false);
    assert.match(git(repo, 'ls-files').stdout, /^\.env$/m);
    answer = 'Stop tracking';
    assert.equal((await client!.executeCommand(untrack.command!.command, untrack.command!.arguments)).untracked, true);
    assert.doesNotMatch(git(repo, 'ls-files').stdout, /^\.env$/m);
    assert.ok(existsSync(path.join(repo, '.env')), 'the file stays on disk');
    assert.ok(client!.messages.some((m) => /Stop tracking \.env/.test(m.message)));
    await client!.waitDiagnostics(envUri, (ds) => ds.length === 0);
  });

  it('recomputes from the live text when the document changed after the diagnostic', async () => {
    await start({ 'live.ts': `export const apiKey = "${PIO}";\n` });
    const { uri, diags } = await diagnosticsOf('live.ts', 'typescript');
    client!.edit(uri, 0, 0, '// moved down\n\n');
    // Ask with the OLD diagnostic at once, before the server re-published.
    const actions = await client!.codeActions(uri, diags[0].range, diags);
    const move = actionTitled(actions, /^Move key/);
    client!.applyEdit(move.edit!);
    const src = readFileSync(path.join(repo, 'live.ts'), 'utf8');
    assert.match(src, /^\/\/ moved down\n\nexport const apiKey = process\.env\.PIONEER_API_KEY!?;\n$/);
    assert.deepEqual(tsSyntaxErrors(src), []);
  });
});
