// The API Keys view (keyward.apiKeys): maps the pure model's nodes to TreeItems. All decisions about
// what is shown live in model.ts; this file only speaks the vscode TreeDataProvider protocol.
import * as vscode from 'vscode';
import type { KeysApi, KeysController } from './controller';
import { buildTree, findNode, type TreeNode } from './model';

export class KeysTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: TreeNode[] = [];
  private readonly sub: { dispose(): void };

  constructor(private readonly controller: KeysController<KeysApi>) {
    this.rebuild();
    this.sub = controller.onDidChange(() => {
      this.rebuild();
      this.emitter.fire();
    });
  }

  private rebuild(): void {
    this.roots = buildTree(this.controller.state(), Date.now());
  }

  /** The nodes currently shown (what getChildren returns), for the e2e suite to read. */
  snapshot(): readonly TreeNode[] {
    return this.roots;
  }

  find(id: string): TreeNode | undefined {
    return findNode(this.roots, id);
  }

  getChildren(element?: TreeNode): TreeNode[] {
    if (!element) return this.roots;
    // Children of the latest build, so an item handed out before a refresh still expands correctly.
    return (findNode(this.roots, element.id) ?? element).children ?? [];
  }

  getParent(element: TreeNode): TreeNode | undefined {
    const walk = (nodes: readonly TreeNode[], parent?: TreeNode): TreeNode | undefined => {
      for (const n of nodes) {
        if (n.id === element.id) return parent;
        const hit = n.children ? walk(n.children, n) : undefined;
        if (hit) return hit;
      }
      return undefined;
    };
    return walk(this.roots);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state =
      node.collapsible === 'expanded'
        ? vscode.TreeItemCollapsibleState.Expanded
        : node.collapsible === 'collapsed'
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    if (node.tooltip) {
      const md = new vscode.MarkdownString(node.tooltip, true);
      md.isTrusted = false;
      item.tooltip = md;
    }
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
    item.contextValue = node.contextValue;
    if (node.command) item.command = { command: node.command.command, title: node.command.title, arguments: node.command.args };
    item.accessibilityInformation = { label: [node.label, node.description].filter(Boolean).join(', ') };
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
