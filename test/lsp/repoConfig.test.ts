// The repository config in the language server, over stdio: in a trusted workspace it is applied
// and the editor reports exactly what `keyward scan` reports for the same repository; in an
// untrusted one it is not applied and the user is told once; a broken one is said once, not applied.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Synth } from '../../server/src/engine/formats/synth';
import { makeRepo, removeDir, ROOT, TestClient, uriOf, useBuiltServer, writeFile } from './harness';

const synth = new Synth('keyward-lsp-config-tests');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const GITHUB_KEY = synth.checksummed('ghp_');
const FIXTURE_KEY = synth.checksummed('ghp_');
const TEAM_VALUE = synth.s(ALNUM, 28);
const ACME_KEY = `acmelive${synth.s(ALNUM, 26)}`;

const CONFIG = {
  rules: { 'hardcoded-key': 'error', 'query-string-auth': 'hint' },
  exclude: ['**/fixtures/**'],
  extraKeyNames: ['^team_thing$'],
  customKeyFormats: [{ id: 'acme', name: 'Acme', pattern: 'acmelive[A-Za-z0-9]{26}' }],
};
const FILES = {
  'src/app.js': `const token = "${GITHUB_KEY}";\nconst team_thing = "${TEAM_VALUE}";\nconst v = "${ACME_KEY}";\n`,
  'src/fixtures/sample.js': `const token = "${FIXTURE_KEY}";\n`,
  'src/query.py': `requests.get("https://api.example.com/v1/items?api_key=" + key)\n`,
  '.gitignore': 'node_modules/\n',
};
const LEVEL = ['', 'error', 'warning', 'information', 'hint'];

/** The editor's findings after its start-up workspace scan, as `path:line rule level`. */
async function editorFindings(repo: string, trusted: boolean, settings: unknown = {}): Promise<{ client: TestClient; findings: string[] }> {
  const client = await TestClient.start({ folders: [repo], settings: () => settings, initializationOptions: { trusted } });
  await client.waitFor(() => client.progress.some((p) => p.value?.kind === 'end'), 30000, 'workspace scan end');
  return { client, findings: latestFindings(client, repo) };
}

function latestFindings(client: TestClient, repo: string): string[] {
  const uris = new Set(client.published.map((p) => p.uri));
  const out: string[] = [];
  for (const uri of uris) {
    const rel = path.relative(repo, fileURLToPath(uri)).split(path.sep).join('/');
    for (const d of client.latest(uri)!.diagnostics) out.push(`${rel}:${d.range.start.line + 1} ${d.code} ${LEVEL[d.severity ?? 2]}`);
  }
  return out.sort();
}

function cliFindings(repo: string, ...args: string[]): string[] {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'scan', '--format', 'json', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return (JSON.parse(r.stdout).findings as { path: string; line: number; ruleId: string; severity: string }[]).map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.severity}`).sort();
}

describe('LSP: repository config (.keyward.json)', function () {
  this.timeout(60000);
  useBuiltServer();
  const repos: string[] = [];
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    repos.splice(0).forEach(removeDir);
  });
  const repo = (files: Record<string, string>) => {
    const r = makeRepo(files);
    repos.push(r);
    return r;
  };

  it('trusted: applied, and the editor reports exactly what `keyward scan` reports for the same repository', async () => {
    const r = repo({ ...FILES, '.keyward.json': JSON.stringify(CONFIG, null, 2) });
    const editor = await editorFindings(r, true);
    client = editor.client;
    const cli = cliFindings(r);
    assert.deepEqual(cli, ['src/app.js:1 hardcoded-key error', 'src/app.js:2 hardcoded-key error', 'src/app.js:3 hardcoded-key error', 'src/query.py:1 query-string-auth hint']);
    assert.deepEqual(editor.findings, cli);
    assert.equal(client.messages.length, 0, JSON.stringify(client.messages));
  });

  it('the editor and the CLI also agree without a config, and with --no-config / useRepositoryConfig: false', async () => {
    const r = repo({ ...FILES, '.keyward.json': JSON.stringify(CONFIG) });
    const editor = await editorFindings(r, true, { useRepositoryConfig: false });
    client = editor.client;
    const cli = cliFindings(r, '--no-config');
    assert.deepEqual(cli, ['src/app.js:1 hardcoded-key warning', 'src/fixtures/sample.js:1 hardcoded-key warning', 'src/query.py:1 query-string-auth warning']);
    assert.deepEqual(editor.findings, cli);
  });

  it('the repository config wins over editor settings for the rules it names; editor lists are added', async () => {
    const r = repo({ ...FILES, '.keyward.json': JSON.stringify(CONFIG) });
    const editor = await editorFindings(r, true, { rules: { 'hardcoded-key': { severity: 'off' }, 'query-string-auth': { severity: 'off' } }, exclude: ['src/query.py'] });
    client = editor.client;
    assert.deepEqual(editor.findings, ['src/app.js:1 hardcoded-key error', 'src/app.js:2 hardcoded-key error', 'src/app.js:3 hardcoded-key error']);
  });

  it('untrusted: not applied (nothing in the repository hides a finding), and said once', async () => {
    const r = repo({ ...FILES, '.keyward.json': JSON.stringify({ ...CONFIG, rules: { 'hardcoded-key': 'off' } }) });
    const editor = await editorFindings(r, false);
    client = editor.client;
    assert.deepEqual(editor.findings, ['src/app.js:1 hardcoded-key warning', 'src/fixtures/sample.js:1 hardcoded-key warning', 'src/query.py:1 query-string-auth warning']);
    const said = () => client!.messages.filter((m) => /\.keyward\.json is not applied because this workspace is not trusted/.test(m.message));
    assert.equal(said().length, 1);
    assert.equal(said()[0].type, 3, 'an information message');
    // Settings are re-read on every configuration change; the notice is not repeated.
    const before = client.progress.filter((p) => p.value?.kind === 'end').length;
    void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor(() => client!.progress.filter((p) => p.value?.kind === 'end').length > before, 30000, 'second scan');
    assert.equal(said().length, 1);
    assert.deepEqual(latestFindings(client, r), editor.findings);
  });

  it('a config that sets a base URL is refused in the editor too: one error message naming the field, defaults apply', async () => {
    const bad = { ...CONFIG, customKeyFormats: [{ ...CONFIG.customKeyFormats[0], baseUrl: 'https://collector.example' }] };
    const r = repo({ ...FILES, '.keyward.json': JSON.stringify(bad, null, 2) });
    const editor = await editorFindings(r, true);
    client = editor.client;
    assert.deepEqual(editor.findings, ['src/app.js:1 hardcoded-key warning', 'src/fixtures/sample.js:1 hardcoded-key warning', 'src/query.py:1 query-string-auth warning']);
    const errors = client.messages.filter((m) => m.type === 1);
    assert.equal(errors.length, 1, JSON.stringify(client.messages));
    assert.match(errors[0].message, /repository configuration is not applied: .*\.keyward\.json:\d+:\d+: customKeyFormats\[0\]\.baseUrl: a repository may not set "baseUrl"/);
  });

  it('a changed .keyward.json is re-read when the watcher reports it', async () => {
    const r = repo(FILES);
    const editor = await editorFindings(r, true);
    client = editor.client;
    assert.ok(editor.findings.includes('src/fixtures/sample.js:1 hardcoded-key warning'));
    const file = writeFile(r, '.keyward.json', JSON.stringify(CONFIG));
    const before = client.progress.filter((p) => p.value?.kind === 'end').length;
    client.fileEvents([{ uri: uriOf(file), type: 1 }]);
    await client.waitFor(() => client!.progress.filter((p) => p.value?.kind === 'end').length > before, 30000, 'rescan after the config changed');
    await client.waitFor(() => latestFindings(client!, r).join('\n') === cliFindings(r).join('\n') || undefined, 10000, 'findings equal to the CLI');
    assert.ok(!latestFindings(client, r).some((f) => f.startsWith('src/fixtures/')));
  });
});
