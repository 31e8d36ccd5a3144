// Installs code-server (the real VS Code workbench + Node extension host) into a cache folder,
// offline-safe: its own postinstall downloads ripgrep from the internet, so we do its steps by hand.
// Usage: node scripts/code-server.mjs [--print-path]   (exits 0 with the install dir on stdout)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.99.4'; // VS Code 1.99.3, the newest line that runs on Node 20

export function cacheRoot() {
  const base = process.env.KEYWARD_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'keyward');
  return path.join(base, `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin(root = cacheRoot()) {
  return path.join(root, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function run(cmd, args, cwd, extraEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, ...extraEnv }, maxBuffer: 1 << 27 });
  if (r.status !== 0) {
    process.stderr.write(r.stdout.slice(-4000) + r.stderr.slice(-4000));
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status})`);
  }
}

function have(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

export function ensureCodeServer({ quiet = false } = {}) {
  const root = cacheRoot();
  const marker = path.join(root, '.complete');
  if (fs.existsSync(marker) && fs.existsSync(codeServerBin(root))) return root;
  const say = (m) => quiet || process.stderr.write(`[code-server] ${m}\n`);
  // code-server's native modules build against libkrb5 (kerberos) and its search runs ripgrep.
  const needed = [
    ['rg', 'ripgrep'],
    ['krb5-config', 'libkrb5-dev'],
  ].filter(([bin]) => !have(bin)).map(([, pkg]) => pkg);
  if (needed.length) {
    const cmd = `apt-get install -y ${needed.join(' ')}`;
    if (process.getuid?.() === 0 && have('apt-get')) {
      say(`installing the Debian packages code-server needs: ${needed.join(', ')}`);
      run('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${cmd} -qq`], process.cwd());
    } else {
      throw new Error(`code-server needs ${needed.join(' and ')}: run \`sudo ${cmd}\` (Debian/Ubuntu), then try again`);
    }
  }
  const t0 = Date.now();
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'keyward-code-server-cache', private: true }));
  say(`installing code-server@${CODE_SERVER_VERSION} into ${root} (once; about 2 minutes)`);
  run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], root);
  run('npm', ['rebuild', 'argon2'], root);
  const vscodeDir = path.join(root, 'node_modules', 'code-server', 'lib', 'vscode');
  say('installing the workbench dependencies');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], vscodeDir);
  const rgBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  fs.rmSync(path.join(rgBin, 'rg'), { force: true });
  fs.symlinkSync(execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim(), path.join(rgBin, 'rg'));
  say('building native modules against this Node');
  run('npm', ['rebuild'], vscodeDir, { npm_config_yes: 'true' });
  fs.rmSync(path.join(vscodeDir, 'node_modules.asar'), { force: true });
  fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  const link = (target, name) => {
    fs.rmSync(name, { force: true });
    fs.symlinkSync(target, name);
  };
  link('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], path.join(vscodeDir, 'extensions'));
  fs.writeFileSync(marker, new Date().toISOString());
  say(`ready in ${Math.round((Date.now() - t0) / 1000)} s`);
  return root;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    const root = ensureCodeServer();
    if (process.argv.includes('--print-path')) console.log(root);
  } catch (e) {
    console.error(`keyward: could not install code-server: ${e.message}`);
    process.exit(1);
  }
}
