// A catastrophic user regex in settings is refused with a message, and the server keeps scanning
// (issue 14 item 5). Deterministic: the assertions are the message and the diagnostics, not a time.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { MessageType } from 'vscode-languageserver-protocol/node';
import { useBuiltServer, makeRepo, removeDir, TestClient, uriOf } from './harness';

// Assembled at run time: no scannable key sits in this file.
const PIO = 'pio_sk_' + 'Q7mZ2xR9vK4pL8nW3cT6yB1' + '_' + '3f1c9a2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
const VALUE = ['k3J9sLq2', 'Vb7Nw4Rt', '8Yp1Hc6M', 'f0Dg5Xa2'].join('');

describe('LSP: user patterns that could stall the server', function () {
  this.timeout(30000);
  useBuiltServer();
  let repo: string;
  let client: TestClient | undefined;

  beforeEach(async () => {
    repo = makeRepo({ 'README.md': '# demo\n' });
    const settings = {
      debounceMs: 0,
      scanWorkspaceOnStartup: false,
      // The reproduction: against a 27-character name this ran for seconds on the main thread.
      extraKeyNames: ['(a+)+b', 'session_?blob'],
      customProviders: [{ id: 'acme', name: 'Acme', prefix: '(a|a)*acme_' }],
    };
    client = await TestClient.start({ folders: [repo], settings: () => settings });
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeDir(repo);
  });

  it('refuses (a+)+b and a catastrophic custom prefix with a warning, and still reports the other keys', async () => {
    const uri = uriOf(path.join(repo, 'src/app.py'));
    const evil = 'a'.repeat(26) + 'c';
    client!.open(uri, `${evil} = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\nPIONEER_API_KEY = "${PIO}"\nsession_blob = "${VALUE}"\n`, 'python');
    const ds = await client!.waitDiagnostics(uri, (d) => d.length >= 2);
    assert.deepEqual(ds.map((d) => d.range.start.line).sort(), [1, 2], 'the PIO key and the admitted extra name are both reported');
    const warnings = client!.messages.filter((m) => m.type === MessageType.Warning);
    const names = warnings.find((m) => m.message.includes('keyward.extraKeyNames'));
    assert.ok(names, JSON.stringify(client!.messages));
    assert.match(names.message, /"\(a\+\)\+b" is ignored: .*nested quantifiers/);
    const prefix = warnings.find((m) => m.message.includes('keyward.customProviders[0].prefix'));
    assert.ok(prefix, JSON.stringify(client!.messages));
    assert.match(prefix.message, /repeats an alternation/);
    // Said once, however many scans read the settings.
    client!.edit(uri, 0, 0, '# touched\n');
    await client!.waitDiagnostics(uri, (d, p) => p.version === 2 && d.length >= 2);
    assert.equal(client!.messages.filter((m) => m.message.includes('"(a+)+b"')).length, 1);
  });
});
