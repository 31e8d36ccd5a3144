// The server's small pure pieces, and its other transports (node-ipc, the usage error).
import { strict as assert } from 'node:assert';
import { fork, spawnSync } from 'node:child_process';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { normalizeSettings } from '../../server/src/lsp/settings';
import { classifyPath } from '../../server/src/lsp/watchers';
import { Folders } from '../../server/src/lsp/folders';
import { mergeBaselineText } from '../../server/src/lsp/baseline';
import { ensureBuilt, SERVER_JS } from './harness';

describe('LSP settings, paths and transports', function () {
  this.timeout(30000);

  it('normalises nested, flat and broken settings value by value', () => {
    const s = normalizeSettings({ rules: { 'hardcoded-key': { severity: 'hint' }, 'env-tracked': { severity: 'loud' } }, debounceMs: -5, maxFileSizeKB: 'big', exclude: ['a/**', 3] });
    assert.equal(s.severities['hardcoded-key'], 'hint');
    assert.equal(s.severities['env-tracked'], 'error'); // unknown value -> default
    assert.equal(s.debounceMs, 0);
    assert.equal(s.maxFileSizeKB, 1024);
    assert.deepEqual(s.exclude, ['a/**']);
    assert.equal(normalizeSettings({ 'rules.query-string-auth.severity': 'off' }).severities['query-string-auth'], 'off');
    assert.equal(normalizeSettings(null).enable, true);
  });

  it('classifies watched paths', () => {
    assert.equal(classifyPath('/w/.env.local'), 'env');
    assert.equal(classifyPath('/w/.env.example'), 'other');
    assert.equal(classifyPath('/w/sub/.gitignore'), 'ignore-rules');
    assert.equal(classifyPath('/w/.git/info/exclude'), 'ignore-rules');
    assert.equal(classifyPath('/w/.git/index'), 'git-index');
    assert.equal(classifyPath('/w/.git/objects/ab/cd'), 'other');
    assert.equal(classifyPath('/w/.keyward-baseline.json'), 'baseline');
  });

  it('maps URIs to the innermost folder and to paths the engine sees', () => {
    const f = new Folders();
    f.set([
      { uri: 'file:///w', name: 'w' },
      { uri: 'file:///w/packages/api', name: 'api' },
    ]);
    assert.equal(f.folderFor('file:///w/packages/api/src/a.ts')?.name, 'api');
    assert.equal(f.relativePath('file:///w/packages/api/src/a.ts'), 'src/a.ts');
    assert.equal(f.folderFor('file:///wx/a.ts'), undefined);
    assert.equal(f.relativePath('file:///elsewhere/b.py'), 'b.py');
    assert.equal(f.folderFor('vscode-notebook-cell:/w/nb.ipynb#W0sZmlsZQ%3D%3D')?.name, 'w');
    assert.equal(f.relativePath('untitled:Untitled-1'), 'Untitled-1');
  });

  it('merges baseline entries and refuses to rewrite a broken baseline', () => {
    const fp = 'a'.repeat(64);
    const first = mergeBaselineText(undefined, [{ fingerprint: fp, ruleId: 'hardcoded-key', file: 'a.ts' }]);
    const second = mergeBaselineText(first, [{ fingerprint: 'b'.repeat(64), ruleId: 'hardcoded-key', file: 'b.ts' }]);
    assert.equal(JSON.parse(second).fingerprints.length, 2);
    assert.equal(mergeBaselineText(second, [{ fingerprint: fp, ruleId: 'hardcoded-key', file: 'a.ts' }]), second);
    assert.throws(() => mergeBaselineText('{ not json', []), /not valid JSON/);
  });

  it('speaks node-ipc and refuses to start without a transport', async () => {
    ensureBuilt();
    const child = fork(SERVER_JS, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    conn.listen();
    const init = (await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as { capabilities: any; serverInfo: any };
    assert.equal(init.serverInfo.name, 'keyward-language-server');
    assert.equal(init.capabilities.textDocumentSync.change, 2);
    assert.deepEqual(init.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.keyward']);
    await conn.sendRequest('shutdown');
    void conn.sendNotification('exit');
    await new Promise((r) => child.once('exit', r));
    conn.dispose();
    const bare = spawnSync(process.execPath, [SERVER_JS], { encoding: 'utf8' });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /--stdio/);
  });
});
