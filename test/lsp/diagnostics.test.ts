// Diagnostics over stdio from the bundled server: shape, data without the secret, stale versions,
// settings changes, untitled documents, notebook cells and files outside any folder.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { useBuiltServer, makeRepo, removeDir, TestClient, uriOf } from './harness';

// Assembled at run time: no scannable key sits in this file.
export const PIO = 'pio_sk_' + 'Q7mZ2xR9vK4pL8nW3cT6yB1' + '_' + '3f1c9a2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';

describe('LSP diagnostics', function () {
  this.timeout(30000);
  useBuiltServer();
  let repo: string;
  let client: TestClient | undefined;
  let settings: Record<string, unknown>;

  beforeEach(async () => {
    repo = makeRepo({ 'README.md': '# demo\n' });
    settings = { debounceMs: 0, scanWorkspaceOnStartup: false };
    client = await TestClient.start({ folders: [repo], settings: () => settings });
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeDir(repo);
  });

  it('publishes a hardcoded-key diagnostic with rule link and data that never holds the secret', async () => {
    const uri = uriOf(path.join(repo, 'src/app.ts'));
    client!.open(uri, `import fetch from 'node-fetch';\n\nconst PIONEER_API_KEY = "${PIO}";\n`, 'typescript');
    const [d] = await client!.waitDiagnostics(uri, (ds) => ds.length > 0);
    assert.equal(d.source, 'keyward');
    assert.equal(d.code, 'hardcoded-key');
    assert.equal(d.codeDescription?.href, 'https://github.com/keyward/keyward#rule-hardcoded-key');
    assert.equal(d.range.start.line, 2);
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    const wire = JSON.stringify(d);
    assert.ok(!wire.includes(PIO), 'the whole key must not travel in the diagnostic');
    assert.ok(!wire.includes(PIO.slice(10, 40)), 'not even a middle chunk of the key');
    assert.equal((d.data as { version: number }).version, 1);
  });

  it('never publishes diagnostics for a stale version during rapid typing', async () => {
    settings = { debounceMs: 250, scanWorkspaceOnStartup: false };
    const uri = uriOf(path.join(repo, 'src/rapid.ts'));
    client!.open(uri, 'const x = 1;\n', 'typescript');
    let last = 1;
    // Type the key two characters at a time, much faster than the debounce.
    const line = `const PIONEER_API_KEY = "${PIO}";`;
    for (let i = 0; i < line.length; i += 2) {
      const doc = client!.document(uri)!;
      const end = doc.getText().length;
      last = client!.edit(uri, end, end, line.slice(i, i + 2));
      await new Promise((r) => setTimeout(r, 2));
    }
    const ds = await client!.waitDiagnostics(uri, (d, p) => p.version === last && d.length > 0);
    assert.equal(ds[0].code, 'hardcoded-key');
    await new Promise((r) => setTimeout(r, 400));
    // The burst collapses into one scan of the final text: no intermediate version is published.
    const versions = client!.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [last]);
  });

  it('follows settings changes: severity hint, then rule off removes the diagnostics', async () => {
    const uri = uriOf(path.join(repo, 'cfg.py'));
    client!.open(uri, `PIONEER_API_KEY = "${PIO}"\n`, 'python');
    await client!.waitDiagnostics(uri, (d) => d.length === 1 && d[0].severity === DiagnosticSeverity.Warning);
    settings = { ...settings, rules: { 'hardcoded-key': { severity: 'hint' } } };
    void client!.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client!.waitDiagnostics(uri, (d) => d.length === 1 && d[0].severity === DiagnosticSeverity.Hint);
    // Flat dotted keys (as some editors send them) work too.
    settings = { debounceMs: 0, scanWorkspaceOnStartup: false, 'rules.hardcoded-key.severity': 'off' };
    void client!.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client!.waitDiagnostics(uri, (d) => d.length === 0);
    settings = { debounceMs: 0, enable: false };
    void client!.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(client!.latest(uri)!.diagnostics.length, 0);
  });

  it('updates after edits and clears when the key is removed', async () => {
    const uri = uriOf(path.join(repo, 'edit.js'));
    client!.open(uri, `const k = 1;\nconst apiKey = "${PIO}";\nconsole.log(k);\n`, 'javascript');
    await client!.waitDiagnostics(uri, (d) => d.length === 1 && d[0].range.start.line === 1);
    client!.edit(uri, 0, 0, '// header\n// more\n');
    await client!.waitDiagnostics(uri, (d) => d.length === 1 && d[0].range.start.line === 3);
    const text = client!.document(uri)!.getText();
    const at = text.indexOf(PIO);
    const v = client!.edit(uri, at, at + PIO.length, 'process.env.X');
    await client!.waitDiagnostics(uri, (d, p) => p.version === v && d.length === 0);
  });

  it('scans untitled documents, notebook cells and files outside every folder', async () => {
    const untitled = 'untitled:Untitled-1';
    client!.open(untitled, `token = "${PIO}"\n`, 'python');
    await client!.waitDiagnostics(untitled, (d) => d.length === 1);
    const cell = `vscode-notebook-cell:${path.join(repo, 'nb.ipynb')}#W0sZmlsZQ%3D%3D`;
    client!.open(cell, `import os\nPIONEER_API_KEY = "${PIO}"\n`, 'python');
    const [c] = await client!.waitDiagnostics(cell, (d) => d.length === 1);
    assert.equal(c.range.start.line, 1);
    const outside = uriOf('/tmp/keyward-outside-' + process.pid + '.ts');
    client!.open(outside, `export const apiKey = "${PIO}";\n`, 'typescript');
    await client!.waitDiagnostics(outside, (d) => d.length === 1);
  });

  it('shows nothing for an open file that keyward.exclude matches', async () => {
    settings = { debounceMs: 0, scanWorkspaceOnStartup: false, exclude: ['fixtures/**'] };
    const excluded = uriOf(path.join(repo, 'fixtures/keys.ts'));
    const kept = uriOf(path.join(repo, 'src/keys.ts'));
    client!.open(excluded, `export const apiKey = "${PIO}";\n`, 'typescript');
    client!.open(kept, `export const apiKey = "${PIO}";\n`, 'typescript');
    await client!.waitDiagnostics(kept, (d) => d.length === 1);
    assert.equal(client!.latest(excluded)?.diagnostics.length ?? 0, 0);
  });

  it('reports one information diagnostic for an open file over the size cap instead of scanning it', async () => {
    settings = { debounceMs: 0, scanWorkspaceOnStartup: false, maxFileSizeKB: 1 };
    const uri = uriOf(path.join(repo, 'big.ts'));
    client!.open(uri, `const apiKey = "${PIO}";\n` + 'x'.repeat(4000), 'typescript');
    const [d] = await client!.waitDiagnostics(uri, (ds) => ds.length === 1);
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.equal(d.code, 'file-too-large');
  });

  it('scans a minified line far beyond the line-length cap without stalling', async () => {
    const uri = uriOf(path.join(repo, 'dist/app.min.js'));
    const filler = 'var a=1;'.repeat(40000); // 320 KB on one line
    client!.open(uri, `${filler}var apiKey="${PIO}";${filler}`, 'javascript');
    // Its speed is counted in the engine's linear-work tests and timed in the bench.
    await client!.waitDiagnostics(uri, (d) => d.length === 1, 10000);
  });

  it('clears a closed document unless the disk scan knows the file', async () => {
    const uri = uriOf(path.join(repo, 'closing.ts'));
    client!.open(uri, `const apiKey = "${PIO}";\n`, 'typescript');
    await client!.waitDiagnostics(uri, (d) => d.length === 1);
    client!.close(uri);
    await client!.waitDiagnostics(uri, (d) => d.length === 0);
  });
});
