// The demo that `npm start` opens and the UI smoke test clicks through: the packaged extension in
// code-server, a workspace with a leaked key, a query-string credential and an unignored .env, and
// the loopback provider server standing in for the Pioneer API.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startProviderServer, type ProviderServer } from '../test/server/providerServer';

const repo = path.resolve(__dirname, '..');
/** The key written into the demo's src/pioneer.ts: the provider server knows it, so rotation works. */
export const DEMO_LEAKED_KEY = 'pio_sk_Q7vR2mXk9LpT4wZs8NbY3cD_6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

export interface Demo {
  url: string;
  workspace: string;
  vsix: string;
  managementKey: string;
  provider: ProviderServer;
  codeServer: { url: string; port: number; dir: string; extensionsDir: string; userDataDir: string; stop(): Promise<void> };
  stop(): Promise<void>;
}

/** Builds the .vsix with vsce (the artifact users install) and returns its path. */
export function packageVsix(outDir: string): string {
  const out = path.join(outDir, 'keyward.vsix');
  const build = spawnSync(process.execPath, [path.join(repo, 'esbuild.mjs'), '--production'], { cwd: repo, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const vsce = path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', out], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce package failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

export async function startDemo(opts: { port?: number; providerPort?: number; log?: (l: string) => void } = {}): Promise<Demo> {
  // .mjs helpers shared with the e2e launcher
  const { startCodeServer, installExtension } = await import('../test/e2e/codeServer.mjs');
  const { prepareWorkspace } = await import('../test/e2e/workspace.mjs');

  const provider = await startProviderServer({ port: opts.providerPort ?? 0, shape: 'v2', log: opts.log });
  const { account, key } = provider.addAccount();
  provider.state.addKey(account.id, { name: 'debugging (leaked)', secret: DEMO_LEAKED_KEY });
  for (const name of ['ci-pipeline', 'production-inference']) provider.state.addKey(account.id, { name });

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-demo-'));
  const workspace = prepareWorkspace('demo', path.join(work, 'keyward-demo'));
  const vsix = packageVsix(work);
  const dataDir = path.join(work, 'code-server');
  const extensionsDir = path.join(dataDir, 'extensions');
  const userDataDir = path.join(dataDir, 'user-data');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(userDataDir, { recursive: true });
  await installExtension(vsix, extensionsDir, userDataDir);
  const codeServer = await startCodeServer({
    port: opts.port,
    dataDir,
    extensionsDir,
    userSettings: {
      'keyward.providers.pioneer.baseUrl': provider.url,
      'workbench.colorTheme': 'Default Dark Modern',
      'window.commandCenter': true,
    },
  });
  const url = `${codeServer.url}/?folder=${encodeURIComponent(workspace)}`;
  return {
    url,
    workspace,
    vsix,
    managementKey: key.secret,
    provider,
    codeServer,
    async stop() {
      await codeServer.stop();
      await provider.close();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}
