// Starts the bundled language server (dist/server.js) over node IPC. The server is told whether
// the workspace is trusted; on a trust grant it is restarted so it can use git and workspace settings.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const DOCUMENT_SELECTOR = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }];

export interface LspHandle {
  readonly client: LanguageClient;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** `traces` receives the protocol trace (keyward.trace.server); it must keep document text out. */
export async function startLanguageClient(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel, traces: vscode.LogOutputChannel): Promise<LspHandle> {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'keyward' },
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel: channel,
    traceOutputChannel: traces,
  };
  const client = new LanguageClient('keyward', 'keyward', serverOptions, clientOptions);
  await client.start();

  return {
    client,
    async restart() {
      // initializationOptions is a function, so the restarted server sees the new trust state.
      await client.restart();
    },
    async dispose() {
      if (client.needsStop()) await client.stop();
    },
  };
}
