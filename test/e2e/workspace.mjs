// Copies a fixture workspace into a temp dir and makes it a real git repo, so .gitignore and
// tracked-file checks meet real git.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function prepareWorkspace(name, dest) {
  const src = path.join(here, 'fixtures', name);
  const ws = dest ?? fs.mkdtempSync(path.join(os.tmpdir(), `keyward-ws-${name}-`));
  fs.mkdirSync(ws, { recursive: true });
  if (fs.existsSync(src)) fs.cpSync(src, ws, { recursive: true });
  // Fixture files are stored with a leading "dot-" for dotfiles the package tooling would drop.
  for (const f of walk(ws)) {
    const base = path.basename(f);
    if (base.startsWith('dot-')) fs.renameSync(f, path.join(path.dirname(f), '.' + base.slice(4)));
  }
  const git = (...a) => execFileSync('git', ['-c', 'core.fsmonitor=false', '-c', 'user.name=keyward', '-c', 'user.email=keyward@example.invalid', ...a], { cwd: ws, stdio: 'ignore' });
  if (!fs.existsSync(path.join(ws, '.git'))) {
    git('init', '-q', '-b', 'main');
    const tracked = path.join(ws, '.tracked');
    if (fs.existsSync(tracked)) {
      const files = fs.readFileSync(tracked, 'utf8').split('\n').filter(Boolean);
      fs.rmSync(tracked);
      if (files.length) {
        git('add', '-f', '--', ...files);
        git('commit', '-q', '-m', 'fixture');
      }
    }
  }
  return ws;
}

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}
