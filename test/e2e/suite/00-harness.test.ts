import * as assert from 'node:assert';
import * as vscode from 'vscode';

describe('harness', () => {
  it('runs inside a real VS Code with the workspace open', () => {
    assert.match(vscode.version, /^1\.\d+/);
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a workspace folder is open');
  });
});
