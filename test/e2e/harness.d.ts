// Types for the .mjs harness modules, shared by the TypeScript demo and smoke test.
declare module '*/codeServer.mjs' {
  export interface CodeServer {
    url: string;
    port: number;
    dir: string;
    extensionsDir: string;
    userDataDir: string;
    output(): string;
    stop(): Promise<void>;
  }
  export function freePort(): Promise<number>;
  export function startCodeServer(opts?: {
    port?: number;
    userSettings?: Record<string, unknown>;
    extensionsDir?: string;
    dataDir?: string;
    trust?: boolean;
    env?: Record<string, string>;
    log?: (l: string) => void;
  }): Promise<CodeServer>;
  export function installExtension(vsix: string, extensionsDir: string, userDataDir: string): Promise<string>;
}
declare module '*/workspace.mjs' {
  export function prepareWorkspace(name: string, dest?: string): string;
}
declare module '*/browser.mjs' {
  import type { BrowserContext } from 'playwright-core';
  export function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }>;
}
