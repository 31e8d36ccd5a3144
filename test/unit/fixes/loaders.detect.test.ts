// Issue 11 part 2: which loader a project shows, from its manifests and source (the one table), and
// what the move fix says about it: proven loaders "load .env", the others are only named as found.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { adviseLoader, detectLoaders, LOADER_ECOSYSTEMS, manifestsToRead, type LoaderContext } from '../../../server/src/fixes/loaders';
import type { Family } from '../../../shared/languages';

function ctx(family: Family, sourcePath: string, text: string, files: Record<string, string> = {}): LoaderContext {
  return { files, source: { text, path: sourcePath, family, languageId: family } };
}

const ids = (c: LoaderContext) => detectLoaders(c).map((d) => d.ecosystem.id);

/** The Compose file as YAML (python3-yaml): which services' env_file name the folder's .env. */
function composeEnvFiles(text: string): unknown {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import sys, json, yaml; d = yaml.safe_load(sys.stdin); print(json.dumps({k: v.get("env_file") for k, v in d["services"].items()}))'], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('loader detection (the ecosystem table)', () => {
  const cases: { id: string; c: LoaderContext }[] = [
    { id: 'dotenv', c: ctx('js', 'src/a.js', 'const x = 1;', { 'package.json': '{"dependencies":{"dotenv":"^16"}}' }) },
    { id: 'dotenv', c: ctx('js', 'src/a.ts', "import 'dotenv/config';\n") },
    { id: 'dotenv', c: ctx('js', 'a.js', "require('dotenv').config();\n") },
    { id: 'node-env-file', c: ctx('js', 'a.js', '', { 'package.json': '{"scripts":{"dev":"node --env-file=.env a.js"}}' }) },
    { id: 'dotenv-flow', c: ctx('js', 'a.js', '', { 'package.json': '{"devDependencies":{"dotenv-flow":"^4"}}' }) },
    { id: 'next-env', c: ctx('js', 'app/page.tsx', '', { 'package.json': '{"dependencies":{"next":"15"}}' }) },
    { id: 'vite', c: ctx('js', 'src/main.ts', '', { 'package.json': '{"devDependencies":{"vite":"6"}}' }) },
    { id: 'python-dotenv', c: ctx('python', 'app/x.py', '', { 'requirements.txt': 'requests\npython-dotenv==1.0.1\n' }) },
    { id: 'python-dotenv', c: ctx('python', 'x.py', 'from dotenv import load_dotenv\nload_dotenv()\n') },
    { id: 'python-dotenv', c: ctx('python', 'x.py', '', { 'pyproject.toml': '[project]\ndependencies = ["python-dotenv>=1"]\n' }) },
    { id: 'pydantic-settings', c: ctx('python', 'x.py', '', { 'pyproject.toml': '[project]\ndependencies = ["pydantic-settings"]\n' }) },
    { id: 'django-environ', c: ctx('python', 'settings.py', 'env = environ.Env()\nenviron.Env.read_env()\n') },
    { id: 'godotenv', c: ctx('go', 'cmd/x/main.go', '', { 'go.mod': 'module m\n\nrequire github.com/joho/godotenv v1.5.1\n' }) },
    { id: 'dotenv-java', c: ctx('java', 'src/main/java/A.java', '', { 'pom.xml': '<artifactId>dotenv-java</artifactId><groupId>io.github.cdimascio</groupId>' }) },
    { id: 'spring', c: ctx('java', 'src/main/java/A.java', '', { 'src/main/resources/application.properties': 'spring.config.import=optional:file:.env[.properties]\n' }) },
    { id: 'phpdotenv', c: ctx('php', 'index.php', '', { 'composer.json': '{"require":{"vlucas/phpdotenv":"^5"}}' }) },
    { id: 'laravel', c: ctx('php', 'app/X.php', '', { 'composer.json': '{"require":{"laravel/framework":"^11"}}' }) },
    { id: 'dotenv-rails', c: ctx('ruby', 'app.rb', '', { Gemfile: "source 'https://rubygems.org'\ngem 'dotenv-rails'\n" }) },
    { id: 'dotenvy', c: ctx('rust', 'src/main.rs', '', { 'Cargo.toml': '[dependencies]\ndotenvy = "0.15"\n' }) },
    { id: 'shell', c: ctx('shell', 'run.sh', '#!/bin/sh\nset -a; . ./.env; set +a\n') },
    { id: 'launch-json', c: ctx('python', 'a.py', '', { '.vscode/launch.json': '{ // x\n "configurations": [{ "type": "debugpy", "request": "launch", "envFile": "${workspaceFolder}/.env" }] }' }) },
  ];
  for (const { id, c } of cases) {
    it(`detects ${id} (${Object.keys(c.files).join(', ') || c.source.path})`, () => assert.ok(ids(c).includes(id), `${ids(c)}`));
  }

  it('every ecosystem of the table has a detection case above', () => {
    const covered = new Set(cases.map((c) => c.id).concat('compose'));
    assert.deepEqual(LOADER_ECOSYSTEMS.map((e) => e.id).filter((id) => !covered.has(id)), []);
  });

  it('claims only the ecosystems a real program proves; the others are named as found, never as loading .env', () => {
    assert.deepEqual(LOADER_ECOSYSTEMS.filter((e) => e.claimed).map((e) => e.id).sort(), ['compose', 'dotenv', 'godotenv', 'launch-json', 'node-env-file', 'python-dotenv', 'shell']);
    const java = adviseLoader(cases.find((c) => c.id === 'dotenv-java')!.c);
    assert.equal(java.note, 'dotenv-java found: check it reads .env');
    assert.deepEqual(java.plans, [], 'no loader is added for an unproven ecosystem');
    const node = adviseLoader(cases[0].c);
    assert.equal(node.note, '.env loaded by dotenv');
    assert.deepEqual(node.plans, []);
  });

  it('a dependency of another family or a look-alike name is not a loader', () => {
    assert.deepEqual(ids(ctx('js', 'a.js', '', { 'package.json': '{"dependencies":{"dotenv-expand":"^1","not-dotenv":"1"}}' })), []);
    assert.deepEqual(ids(ctx('python', 'a.py', '', { 'package.json': '{"dependencies":{"dotenv":"^16"}}' })), []);
    assert.deepEqual(ids(ctx('python', 'a.py', '', { 'requirements.txt': 'dotenv-cli\n' })), []);
    assert.deepEqual(ids(ctx('js', 'a.js', '', { 'package.json': '{ "dependencies": { "dotenv": ' })), [], 'a half-typed package.json gives nothing');
  });

  it('uses the nearest manifest: a sub-package without dotenv does not borrow the root one', () => {
    const files = { 'package.json': '{"dependencies":{"dotenv":"^16"}}', 'packages/api/package.json': '{"dependencies":{}}' };
    assert.deepEqual(ids(ctx('js', 'packages/api/src/a.js', '', files)), []);
    assert.deepEqual(ids(ctx('js', 'tools/a.js', '', files)), ['dotenv']);
  });

  it('Compose env_file: every syntax that names .env, checked against the YAML parser', () => {
    const yes = [
      'services:\n  api:\n    build: .\n    env_file: .env\n',
      'services:\n  api:\n    env_file:\n      - ./.env\n      - other.env\n',
      'services:\n  api:\n    env_file:\n    - path: .env\n      required: false\n',
      "services:\n  api:\n    env_file: ['.env']\n",
    ];
    const no = ['services:\n  api:\n    env_file: .env.production\n', 'services:\n  api:\n    environment:\n      - FILE=.env\n', 'services:\n  api:\n    env_file: config/app.env\n'];
    for (const text of [...yes, ...no]) {
      const parsed = JSON.stringify(composeEnvFiles(text));
      const namesEnv = /"(?:\.\/)?\.env"/.test(parsed);
      const found = ids(ctx('python', 'a.py', '', { 'compose.yaml': text })).includes('compose');
      assert.equal(found, namesEnv, `${text} -> ${parsed}`);
      assert.equal(found, yes.includes(text), text);
    }
    const advice = adviseLoader(ctx('python', 'a.py', 'x = 1\n', { 'docker-compose.yml': yes[0] }));
    assert.equal(advice.note, '.env loaded by Docker Compose env_file');
    assert.equal(advice.plans.length, 1, 'Compose loads .env only inside the container: the loader is still offered');
  });

  it('reads only the manifests its family needs, nearest folder first', () => {
    const go = manifestsToRead('go', 'cmd/tool/main.go');
    assert.ok(go.includes('cmd/tool/go.mod') && go.includes('go.mod') && go.includes('.vscode/launch.json'));
    assert.ok(!go.some((p) => p.endsWith('package.json') || p.endsWith('requirements.txt')));
    const java = manifestsToRead('java', 'A.java');
    assert.ok(java.includes('pom.xml') && !java.includes('.vscode/launch.json'));
  });
});
