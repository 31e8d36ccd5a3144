// The wire contract against the bundled server: fixes are found by kind and diagnostic (a renamed
// title changes nothing, a look-alike title of another kind is never taken), and a code action
// reads the diagnostics pass's scan of that version instead of scanning again (counted, not timed).
import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { ACTION_KINDS, findAction, keywardData } from '../../shared/protocol';
import { makeRepo, removeDir, TestClient, useBuiltServer } from './harness';
import * as path from 'node:path';

const PIO = 'pio_sk_' + 'Q7mZ2xR9vK4pL8nW3cT6yB1' + '_' + '3f1c9a2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
const PIO2 = 'pio_sk_' + 'Zz9yX8wV7uT6sR5qP4oN3mL' + '_' + '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

interface Counters {
  documentScans: number;
  scansForCodeActions: number;
}

describe('LSP wire contract', function () {
  this.timeout(30000);
  useBuiltServer();
  let repo: string;
  let client: TestClient | undefined;

  async function start(files: Record<string, string>, debounceMs = 0): Promise<void> {
    repo = makeRepo(files);
    client = await TestClient.start({
      folders: [repo],
      settings: () => ({ debounceMs, scanWorkspaceOnStartup: false }),
      initializationOptions: { timing: true },
    });
  }
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeDir(repo);
  });
  const counters = () => client!.conn.sendRequest('keyward/debug/counters') as Promise<Counters>;

  async function keysOf(rel: string): Promise<{ uri: string; diags: Diagnostic[] }> {
    const { uri } = client!.openFile(path.join(repo, rel), 'typescript');
    const diags = await client!.waitDiagnostics(uri, (d) => d.filter((x) => x.code === 'hardcoded-key').length === 2);
    return { uri, diags: diags.filter((x) => x.code === 'hardcoded-key') };
  }

  it('every keyward action carries a keyward kind, and the move fix is found by kind and diagnostic whatever its title', async () => {
    await start({ 'src/two.ts': `export const a = { apiKey: "${PIO}" };\nexport const b = { apiKey: "${PIO2}" };\n` });
    const { uri, diags } = await keysOf('src/two.ts');
    assert.ok(diags.every((d) => keywardData(d)?.ruleId === 'hardcoded-key'), 'diagnostic data satisfies the shared type guard');
    const actions = (await client!.codeActions(uri, { start: diags[0].range.start, end: diags[1].range.end }, diags)) as CodeAction[];
    const kinds = new Set(Object.values(ACTION_KINDS) as string[]);
    assert.deepEqual(actions.filter((a) => !kinds.has(a.kind ?? '')).map((a) => `${a.title}: ${a.kind}`), []);
    const second = findAction(actions, ACTION_KINDS.moveToEnv, diags[1].range.start);
    assert.ok(second?.edit, 'the move fix of the second key');
    assert.ok(JSON.stringify(second.diagnostics) === JSON.stringify([diags[1]]), 'it is the fix of the diagnostic asked for');
    // Every title changes and a decoy of another kind takes the old title: the lookup does not move.
    const renamed = actions.map((a, i) => ({ ...a, title: `renamed ${i}` }));
    const decoy = { title: second.title, kind: ACTION_KINDS.ignoreLine, diagnostics: [diags[1]] };
    assert.equal(findAction([decoy, ...renamed], ACTION_KINDS.moveToEnv, diags[1].range.start), renamed[actions.indexOf(second)]);
    // With the kind removed the same titles find nothing: the title never counted.
    const unkinded = actions.map((a) => ({ ...a, kind: 'quickfix' }));
    assert.equal(findAction(unkinded, ACTION_KINDS.moveToEnv, diags[1].range.start), undefined);
    // A client asking for the sub-kind alone gets exactly those actions.
    const only = (await client!.codeActions(uri, diags[0].range, [diags[0]], [ACTION_KINDS.moveToEnv])) as CodeAction[];
    assert.deepEqual(
      only.map((a) => a.kind),
      [ACTION_KINDS.moveToEnv],
    );
  });

  it('a code action on an unchanged document reads the diagnostics pass and does not scan again', async () => {
    await start({ 'src/two.ts': `export const a = { apiKey: "${PIO}" };\nexport const b = { apiKey: "${PIO2}" };\n` });
    const { uri, diags } = await keysOf('src/two.ts');
    const before = await counters();
    assert.ok(before.documentScans >= 1, 'the diagnostics pass was counted');
    for (let i = 0; i < 3; i++) {
      await client!.codeActions(uri, diags[0].range, diags);
      await client!.codeActions(uri, diags[0].range, diags, ['source.fixAll.keyward']);
    }
    assert.deepEqual(await counters(), before);
  });

  it('a code action for a version the diagnostics pass has not reached yet scans that version once, for both', async () => {
    // The longest debounce: the diagnostics pass for the edit below is still pending when asked.
    await start({ 'src/two.ts': `export const a = { apiKey: "${PIO}" };\nexport const b = { apiKey: "${PIO2}" };\n` }, 5000);
    const { uri, diags } = await keysOf('src/two.ts');
    const before = await counters();
    client!.edit(uri, 0, 0, '// moved\n');
    const actions = (await client!.codeActions(uri, diags[0].range, diags)) as CodeAction[];
    assert.ok(findAction(actions, ACTION_KINDS.moveToEnv, diags[0].range.start), 'the move fix is still offered for the old diagnostic');
    await client!.codeActions(uri, diags[1].range, diags);
    const after = await counters();
    assert.deepEqual(after, { documentScans: before.documentScans + 1, scansForCodeActions: before.scansForCodeActions + 1 });
    // That scan was the diagnostics pass of version 2: it published before the code action answered
    // (one ordered stream), long before the 5 s debounce.
    assert.equal(client!.latest(uri)?.version, 2);
  });
});
