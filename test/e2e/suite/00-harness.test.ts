import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { keyward } from './helpers';

describe('harness', () => {
  it('runs inside a real VS Code with the workspace open', () => {
    assert.match(vscode.version, /^1\.\d+/);
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a workspace folder is open');
  });

  it('activates keyward and starts its language server', async function () {
    this.timeout(60000);
    const api = await keyward();
    assert.ok(typeof api.activationMs === 'number' && api.activationMs >= 0);
    console.log(`      keyward activate(): ${api.activationMs.toFixed(1)} ms`);
  });
});
