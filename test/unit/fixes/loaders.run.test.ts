// Issue 11 part 2, for real: a program in a temp dir prints whether its key arrived (a hash prefix,
// never the key) before the fix, after the plain move (the key no longer arrives: the problem), and
// after the move with the loader action (the same output as before). Node (dotenv, --env-file),
// Python (Debian's python-dotenv), Go (Debian's godotenv, GOPATH mode), shell (set -a).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser/lib/esm/main';
import { applyEdits, planEnvEntries, planMoveToEnv } from '../../../server/src/fixes';
import { adviseLoader, DOTENV_RANGE, GODOTENV, GODOTENV_VERSION, type LoaderContext, type LoaderPlan } from '../../../server/src/fixes/loaders';
import { classifyFile } from '../../../shared/languages';
import { findingFor, gofmtDiff, mustPlan } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const NAME = 'PIONEER_API_KEY';
/** A generated sample in Pioneer's shape: never a real key. */
const KEY = `pio_sk_${randomBytes(12).toString('hex')}_${randomBytes(4).toString('hex')}`;
const PRESENT = `present:${createHash('sha256').update(KEY).digest('hex').slice(0, 12)}`;
const GOPATH = '/usr/share/gocode';

interface Project {
  files: Record<string, string>;
  source: string;
  languageId: string;
}

/** Writes a project into a fresh temp dir. */
function materialize(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kw-loader-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function contextOf(p: Project): LoaderContext {
  const files = Object.fromEntries(Object.entries(p.files).filter(([rel]) => rel !== p.source));
  return { files, source: { text: p.files[p.source], path: p.source, family: classifyFile(p.source, p.languageId), languageId: p.languageId } };
}

/** The project after the move (and a loader, when given), as the LSP's single edit would leave it. */
function fixed(p: Project, loader?: LoaderPlan): Record<string, string> {
  const text = p.files[p.source];
  const plan = mustPlan(planMoveToEnv({ text, languageId: p.languageId, filePath: p.source, finding: findingFor(text, KEY), name: NAME }));
  assert.equal(plan.name, NAME);
  const out = { ...p.files, [p.source]: applyEdits(text, [...plan.edits, ...(loader?.sourceEdits ?? [])]) };
  assert.ok(!out[p.source].includes(KEY), 'the key left the source');
  const env = planEnvEntries(undefined, [{ name: NAME, value: plan.value }]);
  out['.env'] = env.create!;
  for (const f of loader?.files ?? []) out[f.path] = applyEdits(f.create ? '' : p.files[f.path], f.edits);
  return out;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { out: string; code: number | null; err: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: cwd, LC_ALL: 'C.UTF-8', ...env }, timeout: 120000 });
  return { out: (r.stdout ?? '').trim(), code: r.status, err: `${r.stderr ?? ''}${r.error ?? ''}` };
}

/** Runs the program of each stage; returns its output (stdout, or the failure). */
type Runner = (dir: string) => string;

/** Before, plain fix, fix + loader: present, not present, present with the same output. */
function threeStages(p: Project, runProgram: Runner, pick: (plans: LoaderPlan[]) => LoaderPlan, link?: (dir: string) => void): { loader: LoaderPlan; after: Record<string, string> } {
  const dirs: string[] = [];
  try {
    const before = materialize(p.files);
    dirs.push(before);
    link?.(before);
    assert.equal(runProgram(before), PRESENT, 'the hardcoded key arrives');

    const plain = materialize(fixed(p));
    dirs.push(plain);
    link?.(plain);
    const without = runProgram(plain);
    assert.ok(!without.includes('present'), `after the plain move nothing loads .env: ${without}`);

    const advice = adviseLoader(contextOf(p));
    assert.equal(advice.note, undefined, 'nothing loads .env before the fix');
    const loader = pick(advice.plans);
    const after = fixed(p, loader);
    const withLoader = materialize(after);
    dirs.push(withLoader);
    link?.(withLoader);
    assert.equal(runProgram(withLoader), PRESENT, 'with the loader the program gets its key again');
    // Once applied, the project shows its loader: the move fix now says so and offers no loader action.
    const again = adviseLoader(contextOf({ ...p, files: after }));
    assert.match(again.note ?? '', /loaded by/);
    assert.deepEqual(again.plans, []);
    return { loader, after };
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}

function byLabel(re: RegExp): (plans: LoaderPlan[]) => LoaderPlan {
  return (plans) => {
    const p = plans.find((x) => re.test(x.label));
    assert.ok(p, `no loader ${re} among ${plans.map((x) => x.label).join(', ')}`);
    return p;
  };
}

function jsonc(text: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const v = parse(text, errors, { allowTrailingComma: false });
  assert.deepEqual(errors, [], `parses as JSON(C): ${text}`);
  return v;
}

const REPORT_JS = `function report(k) {\n  console.log(k ? 'present:' + require('crypto').createHash('sha256').update(k).digest('hex').slice(0, 12) : 'absent');\n}\n`;

describe('loader actions: the program still gets its key (real programs)', function () {
  this.timeout(180000);

  /** `npm install` stands for the user's: the dotenv this repository installed, linked in. */
  const linkDotenv = (dir: string) => {
    fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules', 'dotenv'), path.join(dir, 'node_modules', 'dotenv'));
  };

  it('Node, CommonJS: require("dotenv/config") at the top and dotenv in package.json', () => {
    const p: Project = {
      languageId: 'javascript',
      source: 'src/index.js',
      files: {
        'package.json': '{\n  "name": "demo",\n  "version": "1.0.0",\n  "scripts": {\n    "test": "echo none"\n  }\n}\n',
        'src/index.js': `#!/usr/bin/env node\n'use strict';\n${REPORT_JS}const apiKey = "${KEY}";\nreport(apiKey);\n`,
      },
    };
    const { loader, after } = threeStages(p, (dir) => run(process.execPath, ['src/index.js'], dir).out, byLabel(/^dotenv$/), linkDotenv);
    assert.match(after['src/index.js'], /^#!\/usr\/bin\/env node\n'use strict';\nrequire\('dotenv\/config'\);\n/);
    assert.equal((jsonc(after['package.json']).dependencies as Record<string, string>).dotenv, DOTENV_RANGE);
    assert.equal(loader.install, 'npm install');
    // The range written admits the dotenv the run used.
    const installed = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'dotenv', 'package.json'), 'utf8')).version as string;
    assert.equal(installed.split('.')[0], DOTENV_RANGE.replace(/^\^/, '').split('.')[0]);
  });

  it('Node, ES module in TypeScript syntax: import "dotenv/config" (run as .mjs) and launch.json envFile', () => {
    const launch = '{\n  // F5\n  "version": "0.2.0",\n  "configurations": [\n    { "type": "node", "request": "launch", "name": "app", "program": "${workspaceFolder}/src/main.mjs" },\n    { "type": "debugpy", "request": "launch", "name": "py" },\n    { "type": "node", "request": "attach", "name": "attach" }\n  ]\n}\n';
    const p: Project = {
      languageId: 'javascript',
      source: 'src/main.mjs',
      files: {
        'package.json': '{\n\t"name": "demo",\n\t"type": "module",\n\t"dependencies": {\n\t\t"left-pad": "^1.3.0"\n\t}\n}\n',
        '.vscode/launch.json': launch,
        'src/main.mjs': `import { createHash } from 'node:crypto';\n\nconst apiKey = "${KEY}";\nconsole.log(apiKey ? 'present:' + createHash('sha256').update(apiKey).digest('hex').slice(0, 12) : 'absent');\n`,
      },
    };
    const { after } = threeStages(p, (dir) => run(process.execPath, ['src/main.mjs'], dir).out, byLabel(/^dotenv$/), linkDotenv);
    assert.match(after['src/main.mjs'], /^import 'dotenv\/config';\nimport \{ createHash \}/);
    const pkg = jsonc(after['package.json']);
    assert.deepEqual(pkg.dependencies, { 'left-pad': '^1.3.0', dotenv: DOTENV_RANGE });
    assert.match(after['package.json'], /\n\t\t"dotenv": /, 'the file keeps its tab indentation');
    // launch.json: envFile in the node launch configuration only; the comment stays.
    const configs = jsonc(after['.vscode/launch.json']).configurations as Record<string, unknown>[];
    assert.deepEqual(configs.map((c) => c.envFile), ['${workspaceFolder}/.env', undefined, undefined]);
    assert.ok(after['.vscode/launch.json'].includes('// F5'));
  });

  it('Node: --env-file=.env in the npm script that runs the file (no dependency)', () => {
    const p: Project = {
      languageId: 'javascript',
      source: 'server.js',
      files: {
        'package.json': '{\n  "name": "demo",\n  "scripts": {\n    "start": "node server.js",\n    "lint": "eslint ."\n  }\n}\n',
        'server.js': `${REPORT_JS}const apiKey = '${KEY}';\nreport(apiKey);\n`,
      },
    };
    const start = (dir: string) => {
      const script = (jsonc(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts as Record<string, string>).start;
      return run('/bin/sh', ['-c', script], dir).out;
    };
    const { loader, after } = threeStages(p, start, byLabel(/--env-file/));
    assert.equal((jsonc(after['package.json']).scripts as Record<string, string>).start, 'node --env-file=.env server.js');
    assert.equal(after['server.js'], fixed(p)['server.js'], 'the source gets only the move');
    assert.equal(loader.install, undefined, 'nothing to install');
  });

  it('Python: load_dotenv() after the imports and python-dotenv in requirements.txt (run from another folder)', () => {
    const p: Project = {
      languageId: 'python',
      source: 'app/main.py',
      files: {
        'requirements.txt': 'requests>=2.31',
        'app/main.py': `"""Reports whether the key arrived."""\nimport hashlib\n\nAPI_KEY = "${KEY}"\n\nprint("present:" + hashlib.sha256(API_KEY.encode()).hexdigest()[:12] if API_KEY else "absent")\n`,
      },
    };
    // Debian's python3 with Debian's python3-dotenv; the working directory is not the project's.
    const py = (dir: string) => {
      const r = run('/usr/bin/python3', [path.join(dir, 'app', 'main.py')], os.tmpdir(), { PYTHONNOUSERSITE: '1' });
      return r.code === 0 ? r.out : `failed: ${r.err.split('\n').filter(Boolean).pop()}`;
    };
    const { after } = threeStages(p, py, byLabel(/python-dotenv/));
    assert.equal(after['requirements.txt'], 'requests>=2.31\npython-dotenv\n');
    assert.match(after['app/main.py'], /^"""Reports whether the key arrived\."""\nimport hashlib\nimport os\nfrom dotenv import load_dotenv\n\nload_dotenv\(\)\n\nAPI_KEY = os\.environ\["PIONEER_API_KEY"\]\n/);
  });

  it('Go: godotenv autoload imported (its init runs before package variables) and required in go.mod', () => {
    const p: Project = {
      languageId: 'go',
      source: 'main.go',
      files: {
        'go.mod': 'module example.com/demo\n\ngo 1.21\n',
        'main.go': `package main\n\nimport (\n\t"crypto/sha256"\n\t"fmt"\n)\n\nvar apiKey = "${KEY}"\n\nfunc main() {\n\tif apiKey == "" {\n\t\tfmt.Println("absent")\n\t\treturn\n\t}\n\tfmt.Printf("present:%x\\n", sha256.Sum256([]byte(apiKey)))\n}\n`,
      },
    };
    // Prints the full hash: cut to the same 12 characters as the other programs.
    const goRun = (dir: string) => {
      const bin = path.join(dir, 'demo');
      const build = run('go', ['build', '-o', bin, 'main.go'], dir, { GO111MODULE: 'off', GOPATH, GOFLAGS: '', GOCACHE: path.join(os.tmpdir(), 'kw-gocache') });
      assert.equal(build.code, 0, build.err);
      const out = run(bin, [], dir).out;
      return out.startsWith('present:') ? out.slice(0, 'present:'.length + 12) : out;
    };
    const { after, loader } = threeStages(p, goRun, byLabel(/godotenv/));
    assert.equal(gofmtDiff(after['main.go']), undefined, 'gofmt leaves it as is');
    assert.match(after['main.go'], /import \(\n\t"crypto\/sha256"\n\t"fmt"\n\t"os"\n\n\t_ "github\.com\/joho\/godotenv\/autoload"\n\)/);
    // go.mod read back by the go tool itself (offline).
    const dir = materialize({ 'go.mod': after['go.mod'] });
    try {
      const r = run('go', ['mod', 'edit', '-json'], dir, { GOFLAGS: '', GOCACHE: path.join(os.tmpdir(), 'kw-gocache') });
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(JSON.parse(r.out).Require, [{ Path: GODOTENV, Version: GODOTENV_VERSION }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(loader.install, 'go mod tidy');
  });

  it('shell: set -a and the .env next to the folder root, found from the script\'s own folder', () => {
    const p: Project = {
      languageId: 'shellscript',
      source: 'scripts/run.sh',
      files: {
        'scripts/run.sh': `#!/bin/sh\nset -eu\nAPI_KEY="${KEY}"\nif [ -n "\${API_KEY:-}" ]; then echo "present:$(printf %s "$API_KEY" | sha256sum | cut -c1-12)"; else echo absent; fi\n`,
      },
    };
    const sh = (dir: string) => {
      const r = run('/bin/sh', [path.join(dir, 'scripts', 'run.sh')], os.tmpdir());
      return r.code === 0 ? r.out : `failed: ${r.err.trim()}`;
    };
    const { after } = threeStages(p, sh, byLabel(/set -a/));
    assert.match(after['scripts/run.sh'], /^#!\/bin\/sh\nset -a\n/);
    // Without a .env the script still runs (the loader skips a missing file even under set -e).
    const dir = materialize({ 'scripts/run.sh': after['scripts/run.sh'] });
    try {
      assert.equal(sh(dir).startsWith('failed'), true, 'set -u stops on the unset key, not on the loader');
      assert.doesNotMatch(sh(dir), /\.env/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
