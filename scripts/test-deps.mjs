// The one list of machine tools the test suites need (tool -> Debian package), and the preflight
// that installs them (root with apt) or stops with the exact command before any test runs.
// Used by scripts/test-all.mjs (`npm test`) and .ci/run (`node scripts/test-deps.mjs --install`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `bin`: found on PATH; `python`: a module python3 imports; `file`: a file a package installs. `steps`: the `npm test` steps that use
 * it (see scripts/test-all.mjs); a run of some steps only needs theirs. `unless`: an environment
 * variable that, when set, names a replacement (a browser elsewhere).
 */
export const TEST_DEPS = [
  { bin: 'git', pkg: 'git', steps: ['unit', 'cli', 'lsp', 'e2e'], why: 'real repositories in temp dirs' },
  { bin: 'python3', pkg: 'python3', steps: ['unit', 'lsp'], why: 'checks the Python the quick fixes write' },
  { python: 'yaml', pkg: 'python3-yaml', steps: ['unit'], why: 'checks the YAML the quick fixes write' },
  { bin: 'go', pkg: 'golang-go', steps: ['unit'], why: 'compiles the Go the quick fixes write (gofmt too)' },
  { bin: 'ruby', pkg: 'ruby', steps: ['unit'], why: 'checks the Ruby the quick fixes write' },
  { bin: 'php', pkg: 'php-cli', steps: ['unit'], why: 'checks the PHP the quick fixes write' },
  { bin: 'mcs', pkg: 'mono-mcs', steps: ['unit'], why: 'compiles the C# the quick fixes write' },
  { bin: 'javac', pkg: 'openjdk-17-jdk-headless', steps: ['unit'], why: 'compiles the Java the quick fixes write' },
  { bin: 'rustc', pkg: 'rustc', steps: ['unit'], why: 'compiles the Rust the quick fixes write' },
  { bin: 'bash', pkg: 'bash', steps: ['unit'], why: 'runs the shell the quick fixes write' },
  { python: 'dotenv', pkg: 'python3-dotenv', steps: ['unit'], why: 'a real .env reader the .env writer is judged by' },
  { file: '/usr/share/gocode/src/github.com/joho/godotenv/godotenv.go', pkg: 'golang-github-joho-godotenv-dev', steps: ['unit'], why: 'a real .env reader (godotenv, built in GOPATH mode)' },
  { bin: 'docker-compose', pkg: 'docker-compose', steps: ['unit'], why: "a real .env reader (Compose's env_file, `docker-compose config`, no daemon)" },
  { bin: 'openssl', pkg: 'openssl', steps: ['unit'], why: 'makes the self-signed certificate of the TLS tests' },
  { bin: 'nvim', pkg: 'neovim', steps: ['lsp'], why: 'the second LSP client' },
  { bin: 'rg', pkg: 'ripgrep', steps: ['e2e'], why: "code-server's search" },
  { bin: 'krb5-config', pkg: 'libkrb5-dev', steps: ['e2e'], why: 'a code-server native module builds against it' },
  { bin: 'chromium', pkg: 'chromium', steps: ['e2e'], why: 'the browser that drives code-server', unless: 'KEYWARD_CHROMIUM' },
];

/** An executable file named `bin` in one of PATH's folders (no shell: PATH alone decides). */
export function onPath(bin, envPath = process.env.PATH ?? '') {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, bin), fs.constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

function present(dep, env) {
  if (dep.unless && env[dep.unless]) return true;
  if (dep.bin) return onPath(dep.bin, env.PATH);
  if (dep.file) return fs.existsSync(dep.file);
  if (!onPath('python3', env.PATH)) return false;
  return spawnSync('python3', ['-c', `import ${dep.python}`], { env, stdio: 'ignore' }).status === 0;
}

/** The deps of `steps` (all steps when empty) that this machine lacks. */
export function missingDeps(steps = [], env = process.env) {
  return TEST_DEPS.filter((d) => !steps.length || d.steps.some((s) => steps.includes(s))).filter((d) => !present(d, env));
}

export function installCommand(deps) {
  return `apt-get install -y ${[...new Set(deps.map((d) => d.pkg))].join(' ')}`;
}

/**
 * True when every dep of `steps` is here. When some are missing: as root with apt-get on PATH (and
 * `install`), installs them, as `npm start` does for code-server; otherwise prints the command.
 */
export function ensureTestDeps({ steps = [], env = process.env, install = true, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  let missing = missingDeps(steps, env);
  if (!missing.length) return true;
  const cmd = installCommand(missing);
  const root = process.getuid?.() === 0;
  if (install && root && onPath('apt-get', env.PATH)) {
    log(`[test-deps] installing the Debian packages the tests need: ${missing.map((d) => d.pkg).join(' ')}`);
    const r = spawnSync('sh', ['-c', `apt-get update -qq && ${cmd} -qq`], { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'ignore', 'inherit'] });
    missing = r.status === 0 ? missingDeps(steps, env) : missing;
    if (!missing.length) return true;
  }
  log(`[test-deps] the tests need tools this machine lacks:`);
  for (const d of missing) log(`  ${d.bin ?? `python3 module ${d.python}`} (${d.pkg}): ${d.why}`);
  log(`[test-deps] run this, then try again:\n  ${root ? '' : 'sudo '}${installCommand(missing)}`);
  return false;
}

// `node scripts/test-deps.mjs [--install] [steps...]`: exit 0 when the tools are here (after installing with --install).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const ok = ensureTestDeps({ steps: args.filter((a) => !a.startsWith('--')), install: args.includes('--install') });
  process.exit(ok ? 0 : 2);
}
