// Starts code-server on loopback with throwaway user/extension/XDG dirs, and stops its whole
// process group (a lone kill orphans its file watcher).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { codeServerBin, ensureCodeServer } from '../../scripts/code-server.mjs';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** @param {{ port?: number; userSettings?: object; extensionsDir?: string; dataDir?: string; trust?: boolean; log?: (l: string) => void }} opts */
export async function startCodeServer(opts = {}) {
  const root = ensureCodeServer();
  const port = opts.port ?? (await freePort());
  const dir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-cs-'));
  const userData = path.join(dir, 'user-data');
  const extensions = opts.extensionsDir ?? path.join(dir, 'extensions');
  for (const d of [userData, extensions, path.join(dir, 'xdg-config'), path.join(dir, 'xdg-data'), path.join(dir, 'xdg-cache'), path.join(userData, 'User')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false, ...(opts.userSettings ?? {}) }, null, 2),
  );
  const config = path.join(dir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    codeServerBin(root),
    '--config', config,
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (opts.trust === false) {
    // leave workspace trust on: the test checks the restricted mode itself
  } else {
    args.push('--disable-workspace-trust');
  }
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg-cache'),
    ...(opts.env ?? {}),
  };
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const onData = (b) => {
    output += b.toString();
    if (output.length > 200000) output = output.slice(-100000);
    opts.log?.(b.toString());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output.slice(-3000)}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within 60 s:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    dir,
    extensionsDir: extensions,
    userDataDir: userData,
    output: () => output,
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    },
  };
}

/** Runs `code-server --install-extension FILE` against the same dirs. */
export async function installExtension(vsix, extensionsDir, userDataDir) {
  const root = ensureCodeServer();
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [codeServerBin(root), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`install-extension failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}
