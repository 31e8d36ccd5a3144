// The language server as a user meets it: diagnostics on open and while typing, the quick fixes,
// the .env rules against the workspace's real git repo, and settings taking effect without reload.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { saveDirty, codeActions, keyward, keywardDiagnostics, readText, ruleOf, waitFor, waitForDiagnostics, wsUri } from './helpers';

const LEAKED = 'pio_sk_Vb7Nw3Qz8Lm2Tx5Rk9Hp4Cd_0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('diagnostics in a real VS Code', () => {
  before(async function () {
    this.timeout(90000);
    await keyward();
  });

  // First, before a TS file wakes the built-in TypeScript server that shares the extension host.
  it('shows a key typed into a fresh file within a second, and clears it when deleted', async () => {
    // Python: no built-in language server competes for the shared extension host here.
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import requests\n\nBASE = "https://api.example.com"\n' });
    const editor = await vscode.window.showTextDocument(doc);
    const key = 'ghp_' + 'R8kq2Zw7Lm4Nx9Pv3Tb6Hc1Jd5Fg0Sa2Ye8K';
    const line = `token = "${key}"\n`;
    const t0 = Date.now();
    await editor.edit((e) => e.insert(new vscode.Position(3, 0), line));
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === 'hardcoded-key'), 5000, 'the typed key');
    const elapsed = Date.now() - t0;
    assert.ok(elapsed < 1000, `diagnostic after ${elapsed} ms`);
    assert.strictEqual(ds[0].range.start.line, 3);
    await editor.edit((e) => e.delete(new vscode.Range(3, 0, 4, 0)));
    await waitForDiagnostics(doc.uri, (d) => d.length === 0, 5000, 'the diagnostic to clear');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('flags a hardcoded Pioneer key at the right range with a masked message', async () => {
    const uri = wsUri('src/leak.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'hardcoded-key'));
    const d = ds.find((x) => ruleOf(x) === 'hardcoded-key')!;
    const start = doc.getText().indexOf(LEAKED);
    assert.ok(start > 0);
    const covered = doc.getText(d.range);
    assert.ok(covered.includes(LEAKED.slice(0, 20)), `the range covers the key, got ${JSON.stringify(covered.slice(0, 12))}…`);
    assert.strictEqual(doc.offsetAt(d.range.start) <= start && doc.offsetAt(d.range.end) >= start + LEAKED.length, true, 'range spans the whole key');
    assert.ok(!d.message.includes(LEAKED), 'message never holds the whole key');
    assert.ok(!d.message.includes(LEAKED.slice(12)), 'message shows at most a short prefix');
    assert.match(d.message, /Pioneer/);
    assert.ok(typeof d.code === 'object' && String(d.code.target).includes('#rule-hardcoded-key'), 'code links to the README rule section');
  });

  it('flags a query-string credential even when the value is a variable', async () => {
    const uri = wsUri('src/weather.py');
    await vscode.workspace.openTextDocument(uri);
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'query-string-auth'));
    assert.ok(ds.every((x) => ruleOf(x) !== 'hardcoded-key'), 'a variable is not a hardcoded key');
  });

  it('reports the unignored .env and the tracked sub/.env', async () => {
    await waitForDiagnostics(wsUri('.env'), (d) => d.some((x) => ruleOf(x) === 'env-not-ignored'), 30000, 'env-not-ignored on .env');
    await waitForDiagnostics(wsUri('sub/.env'), (d) => d.some((x) => ruleOf(x) === 'env-tracked'), 30000, 'env-tracked on sub/.env');
  });

  it('"Add .env to .gitignore" fixes env-not-ignored', async () => {
    const uri = wsUri('.env');
    await vscode.workspace.openTextDocument(uri); // code actions need the document's model
    const d = (await waitForDiagnostics(uri, (x) => x.some((y) => ruleOf(y) === 'env-not-ignored'), 30000)).find((x) => ruleOf(x) === 'env-not-ignored')!;
    const actions = await codeActions(uri, new vscode.Range(d.range.start, d.range.end), 'quickfix');
    const add = actions.find((a) => /gitignore/i.test(a.title));
    assert.ok(add?.edit, `an "add to .gitignore" action with an edit, got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(add!.edit!));
    await saveDirty();
    assert.match((await readText('.gitignore')) ?? '', /^\.env$/m);
    await waitForDiagnostics(uri, (ds) => !ds.some((x) => ruleOf(x) === 'env-not-ignored'), 20000, 'env-not-ignored to clear');
    // ignoring it now does not untrack it
    assert.ok(keywardDiagnostics(wsUri('sub/.env')).some((x) => ruleOf(x) === 'env-tracked'));
  });

  it('"Move key to environment variable" rewrites the code, fills .env and .env.example, and one undo restores it', async () => {
    const uri = wsUri('src/leak.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const before = doc.getText();
    const envBefore = await readText('.env');
    const exampleBefore = await readText('.env.example');
    const d = (await waitForDiagnostics(uri, (x) => x.some((y) => ruleOf(y) === 'hardcoded-key'))).find((y) => ruleOf(y) === 'hardcoded-key')!;
    const actions = await codeActions(uri, d.range, 'quickfix');
    const move = actions.find((a) => a.title.startsWith('Move key to environment variable'));
    assert.ok(move?.edit, `a move action, got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(move!.isPreferred, 'it is the preferred fix');
    const touched = move!.edit!.entries().map(([u]) => vscode.workspace.asRelativePath(u)).sort().join(', ');
    for (const f of ['.env', '.env.example', 'src/leak.ts']) assert.ok(touched.split(', ').includes(f), `one edit spans the source, .env and .env.example; got ${touched}`);
    assert.ok(await vscode.workspace.applyEdit(move!.edit!));
    assert.match(doc.getText(), /process\.env\.PIONEER_API_KEY/);
    assert.ok(!doc.getText().includes(LEAKED));
    // What the editor holds now (the edit leaves the other files dirty, as VS Code does for refactorings).
    const envDoc = await vscode.workspace.openTextDocument(wsUri('.env'));
    const exampleDoc = await vscode.workspace.openTextDocument(wsUri('.env.example'));
    assert.ok(envDoc.getText().includes(`PIONEER_API_KEY=${LEAKED}`), '.env holds the value');
    assert.ok(envDoc.getText().startsWith(envBefore ?? ''), '.env kept what it had');
    assert.match(exampleDoc.getText(), /^PIONEER_API_KEY=$/m);
    await waitForDiagnostics(uri, (x) => !x.some((y) => ruleOf(y) === 'hardcoded-key'), 10000, 'the key diagnostic to clear');

    // One undo reverts the whole edit in every file it touched.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(vscode.workspace.onDidChangeTextDocument, () => doc.getText() === before && envDoc.getText() === envBefore && exampleDoc.getText() === exampleBefore, 10000, 'the source, .env and .env.example to be restored');

    // Redo, save, and the files on disk hold the result.
    await vscode.commands.executeCommand('redo');
    await waitFor(vscode.workspace.onDidChangeTextDocument, () => envDoc.getText().includes(LEAKED), 10000, 'redo');
    await saveDirty();
    assert.ok(((await readText('.env')) ?? '').includes(`PIONEER_API_KEY=${LEAKED}`), '.env on disk holds the value');
    assert.ok(!((await readText('src/leak.ts')) ?? '').includes(LEAKED), 'the source on disk no longer holds the key');
  });

  it('settings take effect without a reload: rule off clears, hint shows as hint', async () => {
    const uri = wsUri('src/weather.py');
    const cfg = vscode.workspace.getConfiguration('keyward', uri);
    await waitForDiagnostics(uri, (x) => x.some((y) => ruleOf(y) === 'query-string-auth'));
    try {
      await cfg.update('rules.query-string-auth.severity', 'off', vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, (x) => !x.some((y) => ruleOf(y) === 'query-string-auth'), 10000, 'the rule to turn off');
      await cfg.update('rules.query-string-auth.severity', 'hint', vscode.ConfigurationTarget.Workspace);
      const ds = await waitForDiagnostics(uri, (x) => x.some((y) => ruleOf(y) === 'query-string-auth'), 10000, 'the rule to come back');
      assert.strictEqual(ds.find((y) => ruleOf(y) === 'query-string-auth')!.severity, vscode.DiagnosticSeverity.Hint);
    } finally {
      await cfg.update('rules.query-string-auth.severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
