// The API Keys view against the loopback Pioneer stand-in, through the same commands a person runs
// (arguments replace the prompts; modal confirmations are skipped only by an explicit confirm: true).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { startProviderServer, type ProviderServer } from '../../server/providerServer';
import type { TreeNode } from '../../../client/src/keys/model';
import { codeActions, keyward, readText, ruleOf, waitFor, waitForDiagnostics, wsUri } from './helpers';

const ACCOUNT = 'default';
let server: ProviderServer;
let mgmtKey: string;
let accountId: string;
let closed = false;

function liveKeys() {
  return server.state.accounts.get(accountId)!.keys.filter((k) => !k.revoked);
}

function flatten(nodes: readonly TreeNode[]): TreeNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children ?? [])]);
}

async function treeLabels(): Promise<string[]> {
  const api = await keyward();
  return flatten(api.getState().roots).map((n) => n.label);
}

async function account() {
  const api = await keyward();
  return api.getState().providers.find((p) => p.provider.id === 'pioneer')?.accounts.find((a) => a.account === ACCOUNT);
}

/** Waits for the tree to change until `ok` holds. */
async function treeUntil(ok: () => Promise<boolean> | boolean, what: string, ms = 20000) {
  const api = await keyward();
  await waitFor(api.treeProvider.onDidChangeTreeData as vscode.Event<unknown>, ok, ms, what);
}

const refresh = () => vscode.commands.executeCommand('keyward.refreshKeys', { provider: 'pioneer', account: ACCOUNT });

describe('API Keys view in a real VS Code', function () {
  this.timeout(90000);

  before(async () => {
    await keyward();
    server = await startProviderServer({ shape: 'v2', rateLimit: { limit: 10000, windowMs: 60000 } });
    const a = server.addAccount();
    mgmtKey = a.key.secret;
    accountId = a.account.id;
    for (const name of ['ci-pipeline', 'production-inference']) server.state.addKey(accountId, { name });
    await vscode.workspace.getConfiguration('keyward').update('providers.pioneer.baseUrl', server.url, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('keyward.signOut', { provider: 'pioneer', account: ACCOUNT, confirm: true });
    await vscode.workspace.getConfiguration('keyward').update('providers.pioneer.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    if (!closed) await server?.close();
  });

  it('refuses a wrong key (401) and stores nothing', async () => {
    const ok = await vscode.commands.executeCommand('keyward.signIn', { provider: 'pioneer', account: ACCOUNT, key: 'pio_sk_' + 'x'.repeat(23) + '_00000000-0000-4000-8000-000000000000' });
    assert.strictEqual(ok, false);
    assert.strictEqual(await account(), undefined);
  });

  it('signs in with a valid key: kept in Secret Storage, never in settings, and lists the keys', async () => {
    const ok = await vscode.commands.executeCommand('keyward.signIn', { provider: 'pioneer', account: ACCOUNT, key: mgmtKey });
    assert.strictEqual(ok, true);
    await treeUntil(async () => (await treeLabels()).includes('ci-pipeline'), 'the listed keys');
    const labels = await treeLabels();
    assert.ok(labels.includes('production-inference'));
    const settings = JSON.stringify(vscode.workspace.getConfiguration().inspect('keyward')) + JSON.stringify(vscode.workspace.getConfiguration('keyward'));
    assert.ok(!settings.includes(mgmtKey), 'the key is not in any setting');
    const state = JSON.stringify((await keyward()).getState(), (_k, v) => (v instanceof Set ? [...v] : v));
    assert.ok(!state.includes(mgmtKey), 'the view state holds no secret');
  });

  it('creates a key: it appears, and its value is stored', async () => {
    const before = liveKeys().length;
    const created = await vscode.commands.executeCommand<{ id?: string; name: string }>('keyward.createKey', { provider: 'pioneer', account: ACCOUNT, name: 'e2e-created' });
    assert.ok(created, 'createKey returned the new key');
    assert.strictEqual(liveKeys().length, before + 1, 'exactly one key was minted');
    const rec = liveKeys().find((k) => k.name === 'e2e-created')!;
    assert.ok(rec);
    await treeUntil(async () => (await treeLabels()).includes('e2e-created'), 'the new key in the tree');
    const acct = await account();
    assert.ok(acct?.storedKeyIds.has(rec.id), 'the new value is in Secret Storage');
  });

  it('revokes a key after confirmation: gone from the server and the tree', async () => {
    const rec = liveKeys().find((k) => k.name === 'production-inference')!;
    const ok = await vscode.commands.executeCommand('keyward.revokeKey', { provider: 'pioneer', account: ACCOUNT, keyId: rec.id, confirm: true });
    assert.strictEqual(ok, true);
    assert.ok(server.state.accounts.get(accountId)!.keys.find((k) => k.id === rec.id)!.revoked, 'revoked on the server');
    await treeUntil(async () => !(await treeLabels()).includes('production-inference'), 'the key to leave the tree');
  });

  it('rotates a key: the replacement is stored, .env updated, the old key revoked', async () => {
    const created = await vscode.commands.executeCommand<{ id?: string; name: string }>('keyward.createKey', { provider: 'pioneer', account: ACCOUNT, name: 'to-rotate', insertIntoEnv: true });
    assert.ok(created?.id);
    const old = server.state.accounts.get(accountId)!.keys.find((k) => k.id === created!.id)!;
    const envDoc = await vscode.workspace.openTextDocument(wsUri('.env'));
    await waitFor(vscode.workspace.onDidChangeTextDocument, () => envDoc.getText().includes(old.secret), 10000, '.env to get the created key');
    const ok = await vscode.commands.executeCommand('keyward.rotateKey', { provider: 'pioneer', account: ACCOUNT, keyId: old.id, confirm: true });
    assert.strictEqual(ok, true);
    assert.ok(old.revoked, 'the old key is revoked on the server');
    const replacement = liveKeys().find((k) => k.id !== old.id && k.createdAt >= old.createdAt && k.name.includes('to-rotate'));
    assert.ok(replacement, `a replacement exists (live: ${liveKeys().map((k) => k.name).join(', ')})`);
    await waitFor(vscode.workspace.onDidChangeTextDocument, () => envDoc.getText().includes(replacement!.secret), 10000, '.env to hold the new key');
    assert.ok(!envDoc.getText().includes(old.secret), '.env no longer holds the old key');
    const acct = await account();
    assert.ok(acct?.storedKeyIds.has(replacement!.id), 'the replacement is in Secret Storage');
  });

  it('rotates a leaked key from its diagnostic: new key, literal replaced by the env lookup, old key revoked', async () => {
    const leaked = server.state.addKey(accountId, { name: 'leaked-in-code' });
    const uri = wsUri('src/leaked-service.ts');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`export const pioneer = { apiKey: "${leaked.secret}" };\n`));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const d = (await waitForDiagnostics(uri, (x) => x.some((y) => ruleOf(y) === 'hardcoded-key'))).find((y) => ruleOf(y) === 'hardcoded-key')!;
    const actions = await codeActions(uri, d.range, 'quickfix');
    const rotate = actions.find((a) => /^Rotate this leaked Pioneer key/.test(a.title));
    assert.ok(rotate?.command, `a rotate-leaked action, got ${actions.map((a) => a.title).join(' | ')}`);
    const args = { ...(rotate!.command!.arguments![0] as object), confirm: true };
    const ok = await vscode.commands.executeCommand(rotate!.command!.command, args);
    assert.strictEqual(ok, true);
    assert.ok(leaked.revoked, 'the leaked key is revoked on the server');
    assert.ok(!doc.getText().includes(leaked.secret), 'the literal is gone from the code');
    assert.match(doc.getText(), /process\.env\.PIONEER_API_KEY/);
    const env = (await vscode.workspace.openTextDocument(wsUri('.env'))).getText();
    assert.ok(!env.includes(leaked.secret), '.env does not hold the revoked key');
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
  });

  it('402: create says the account is out of credits and mints nothing', async () => {
    server.state.accounts.get(accountId)!.credits = 0;
    try {
      const before = liveKeys().length;
      const created = await vscode.commands.executeCommand('keyward.createKey', { provider: 'pioneer', account: ACCOUNT, name: 'no-credits' });
      assert.strictEqual(created, undefined);
      assert.strictEqual(liveKeys().length, before);
    } finally {
      server.state.accounts.get(accountId)!.credits = 1000;
    }
  });

  it('429: the account shows when the rate-limit window resets', async () => {
    server.faults.throttle = 1000;
    server.faults.throttleResetSec = 600;
    server.faults.throttleRetryAfter = 600;
    try {
      await refresh();
      await treeUntil(async () => (await account())?.status === 'error', 'the throttled account');
      const a = await account();
      assert.strictEqual(a?.error?.nextStep, 'wait');
      assert.match(a?.error?.message ?? '', /429/);
      assert.match(a?.error?.message ?? '', /after \d{1,2}:\d{2}/, 'says when the window resets');
    } finally {
      server.resetFaults();
    }
  });

  it('401 with the stored key (revoked elsewhere): the account asks to sign in again', async () => {
    server.faults.unauthorizedAll = true;
    try {
      await refresh();
      await treeUntil(async () => (await account())?.status === 'reauth', 'the sign-in-again state');
      assert.ok((await treeLabels()).some((l) => /sign in/i.test(l)), 'a "sign in again" item');
    } finally {
      server.resetFaults();
    }
  });

  it('server down: an error item with a retry, and it recovers', async () => {
    await server.close();
    closed = true;
    await refresh();
    await treeUntil(async () => (await account())?.status === 'error', 'the unreachable account');
    const a = await account();
    assert.strictEqual(a?.error?.nextStep, 'retry-later');
    const errNode = flatten((await keyward()).getState().roots).find((n) => n.kind === 'error');
    assert.ok(errNode?.command || errNode?.contextValue === 'error', 'the error item offers a retry');
  });
});
