// Every value the .env writer accepts reads back exactly through the real readers (sh, bash, dotenv, python-dotenv, Compose, godotenv), and sourcing runs nothing (issue 14 item 1).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as dotenv from 'dotenv';
import fc from 'fast-check';
import { envValueProblem, formatEnvLine, planEnvEntries, replaceValue } from '../../../shared/envText';

// Debian's readers (.ci/run installs them): python3-dotenv, golang-github-joho-godotenv-dev, docker-compose (v1, reads env_file with python-dotenv).
const PYTHON = '/usr/bin/python3';
const GOPATH = '/usr/share/gocode';

const GO_READER = `package main

import (
	"encoding/json"
	"os"

	"github.com/joho/godotenv"
)

func main() {
	env, err := godotenv.Read(os.Args[1])
	if err != nil {
		os.Stderr.WriteString(err.Error())
		os.Exit(3)
	}
	json.NewEncoder(os.Stdout).Encode(env)
}
`;

const COMPOSE = 'services:\n  s:\n    image: busybox\n    env_file: .env\n';

// Prints the KW_ variables a shell left in the environment, as JSON.
const DUMP = `${JSON.stringify(process.execPath)} -e 'process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("KW_")))))'`;

type Reader = (dir: string) => Record<string, string>;

let work: string;
let goReader: string;

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(file, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, LC_ALL: 'C.UTF-8', HOME: '/nonexistent-home', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

const readers: Record<string, Reader> = {
  sh: (dir) => JSON.parse(run('/bin/sh', ['-c', `set -a; . ./.env; set +a; ${DUMP}`], dir)),
  bash: (dir) => JSON.parse(run('/bin/bash', ['-c', `set -a; . ./.env; set +a; ${DUMP}`], dir)),
  dotenv: (dir) => dotenv.parse(fs.readFileSync(path.join(dir, '.env'))),
  'python-dotenv': (dir) =>
    JSON.parse(run(PYTHON, ['-c', 'import json, sys; from dotenv import dotenv_values; print(json.dumps(dotenv_values(".env")))'], dir)),
  godotenv: (dir) => JSON.parse(run(goReader, [path.join(dir, '.env')], dir)),
};

// `docker-compose config` needs no daemon; it prints each $ of a value as $$.
readers.compose = (dir) => {
  const yaml = run('docker-compose', ['-f', 'compose.yml', 'config'], dir);
  const out = execFileSync(PYTHON, ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)["services"]["s"].get("environment") or {}))'], { input: yaml, encoding: 'utf8' });
  const env = JSON.parse(out) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v ?? '').replace(/\$\$/g, '$')]));
};

/** Writes `values` as KW_0..KW_n through the planner, reads them with every reader, checks each and that nothing ran. */
function roundTrip(values: string[]): void {
  const dir = fs.mkdtempSync(path.join(work, 'case-'));
  fs.writeFileSync(path.join(dir, 'compose.yml'), COMPOSE);
  // A line before the entries, as in a real file.
  const before = '# local settings\nKW_FIRST=1\n';
  const plan = planEnvEntries(before, values.map((value, i) => ({ name: `KW_${i}`, value })));
  const expected: Record<string, string> = { KW_FIRST: '1' };
  plan.entries.forEach((e, i) => {
    const v = values[i];
    assert.equal(e.error === undefined, envValueProblem(v) === undefined, `refused exactly when unsafe: ${JSON.stringify(v)}`);
    if (!e.error) expected[e.name] = v;
  });
  const text = before + (plan.edit?.newText ?? '');
  fs.writeFileSync(path.join(dir, '.env'), text);
  for (const [name, read] of Object.entries(readers)) {
    let got: Record<string, string>;
    try {
      got = read(dir);
    } catch (e) {
      throw new Error(`${name} could not read ${JSON.stringify(text)}: ${(e as { stderr?: string }).stderr ?? e}`);
    }
    assert.deepEqual(got, expected, `${name} read ${JSON.stringify(text)}`);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.env', 'compose.yml'], `${name} ran something while reading ${JSON.stringify(text)}`);
  }
}

// Each reader's special characters, commands that would leave a file behind, expansions, unicode.
const TOKENS = [
  ...'$`"\'\\# &;|<>()!*?[]{}~=:%+@,.\t'.split(''),
  '\n', '\r', '${}', '${HOME}', '${KW_FIRST}', '$KW_FIRST', '$(touch pwned)', '`touch pwned`', ';touch pwned;', '&touch pwned&', '|tee pwned',
  '>pwned', '\\n', '\\', "'\\''", ' #', '#', 'é', '漢字', '🔑', '\u00a0', '\u2028', '\u001b', 'export ', 'KW_0=',
];
const value = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/)), { maxLength: 8 })
  .map((parts) => parts.join(''));

describe('.env values through the real readers', function () {
  this.timeout(180000);

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-envreaders-'));
    const src = path.join(work, 'reader.go');
    fs.writeFileSync(src, GO_READER);
    goReader = path.join(work, 'godotenv-reader');
    // Debian's godotenv source in GOPATH mode: no module download.
    execFileSync('go', ['build', '-o', goReader, src], {
      cwd: work,
      env: { ...process.env, GO111MODULE: 'off', GOPATH, GOFLAGS: '', GOCACHE: path.join(work, 'gocache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('hand-picked values: every special character alone and the attack from the review', () => {
    roundTrip([
      'Zx9QpL2mN8vR4tY6wE1u&./x.sh', 'a;touch pwned', 'a|tee pwned', '$(touch pwned)', '`touch pwned`', 'a b', ' lead', 'trail ', '#x', 'x #y',
      'say "hi"', '$HOME', '$', '${HOME', '!', '*', '~', 'é漢🔑', 'tab\there', '', 'pio_sk_Ab-9.x/y:z@w%v+u=t',
      ...TOKENS,
    ]);
  });

  it('random values either are refused or read back exactly by each reader, and run nothing (property)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), (values) => roundTrip(values)),
      { numRuns: 8 },
    );
  });

  it('a rotated value is rewritten so every reader reads the new one', () => {
    const dir = fs.mkdtempSync(path.join(work, 'rotate-'));
    fs.writeFileSync(path.join(dir, 'compose.yml'), COMPOSE);
    const old = 'pio_sk_OLDoldOLDold1';
    const fresh = 'new"key $(touch pwned) &x';
    const text = `KW_A="${old}"\nexport KW_B='${old}' # note\nKW_C=${old}\n`;
    const changes = replaceValue(text, old, fresh);
    const out = [...changes].sort((a, b) => b.start - a.start).reduce((t, c) => t.slice(0, c.start) + c.newText + t.slice(c.end), text);
    fs.writeFileSync(path.join(dir, '.env'), out);
    for (const [name, read] of Object.entries(readers)) {
      assert.deepEqual(read(dir), { KW_A: fresh, KW_B: fresh, KW_C: fresh }, `${name}: ${JSON.stringify(out)}`);
      assert.ok(!fs.existsSync(path.join(dir, 'pwned')), name);
    }
    assert.equal(formatEnvLine('K', fresh), `K='${fresh}'`);
  });
});
