// Issue 11 part 2: the manifest edits of the loader actions, read back by the real parsers
// (tomllib for pyproject.toml, `go mod edit -json` for go.mod, Python's ast, gofmt).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits } from '../../../server/src/fixes';
import { planGoLoader, planPythonLoader, type LoaderContext } from '../../../server/src/fixes/loaders';
import type { Family } from '../../../shared/languages';
import { gofmtDiff, pythonError } from './helpers';

function ctx(family: Family, p: string, text: string, files: Record<string, string>): LoaderContext {
  return { files, source: { text, path: p, family, languageId: family } };
}

function toml(text: string): Record<string, any> {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import sys, json, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, `${text}\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('loader manifests and placement, read back by real parsers', () => {
  const pyprojects: [string, (t: Record<string, any>) => unknown][] = [
    ['[project]\nname = "x"\ndependencies = []\n', (t) => t.project.dependencies],
    ['[project]\nname = "x"\ndependencies = ["requests[socks]>=2"]\n\n[tool.x]\ny = 1\n', (t) => t.project.dependencies],
    ['[project]\nname = "x"\ndependencies = [\n    "requests",  # http\n    "rich"\n]\n', (t) => t.project.dependencies],
    ['[tool.poetry.dependencies]\npython = "^3.11"\n', (t) => Object.keys(t.tool.poetry.dependencies)],
  ];
  for (const [text, deps] of pyprojects) {
    it(`pyproject.toml: python-dotenv added, the file still TOML (${JSON.stringify(text.slice(0, 40))})`, () => {
      const plan = planPythonLoader(ctx('python', 'a.py', 'x = 1\n', { 'pyproject.toml': text }))!;
      const f = plan.files.find((x) => x.path === 'pyproject.toml')!;
      const after = applyEdits(text, f.edits);
      const got = deps(toml(after)) as string[];
      const before = deps(toml(text)) as string[];
      assert.deepEqual([...got].sort(), [...before, 'python-dotenv'].sort(), after);
    });
  }

  it('Python without a manifest: requirements.txt is created; a module with only a shebang and code keeps its shebang first', () => {
    const src = '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nprint(1)\n';
    const plan = planPythonLoader(ctx('python', 'tool.py', src, {}))!;
    assert.deepEqual(plan.files.map((f) => [f.path, f.create]), [['requirements.txt', true]]);
    const out = applyEdits(src, plan.sourceEdits);
    assert.match(out, /^#!\/usr\/bin\/env python3\n# -\*- coding: utf-8 -\*-\nfrom dotenv import load_dotenv\n\nload_dotenv\(\)\n\nprint\(1\)\n$/);
    assert.equal(pythonError(out), undefined);
  });

  it('Go: a require block gets the line; single imports get a single blank import; gofmt accepts both', () => {
    const mod = 'module m\n\ngo 1.21\n\nrequire (\n\tgithub.com/x/y v1.0.0\n)\n';
    const src = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(1) }\n';
    const plan = planGoLoader(ctx('go', 'main.go', src, { 'go.mod': mod }))!;
    const after = applyEdits(mod, plan.files[0].edits);
    const dir = mkdtempSync(join(tmpdir(), 'kw-gomod-'));
    writeFileSync(join(dir, 'go.mod'), after);
    const r = spawnSync('go', ['mod', 'edit', '-json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GOFLAGS: '' } });
    rmSync(dir, { recursive: true, force: true });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).Require.map((q: { Path: string }) => q.Path), ['github.com/x/y', 'github.com/joho/godotenv']);
    const out = applyEdits(src, plan.sourceEdits);
    assert.equal(out, 'package main\n\nimport "fmt"\n\nimport _ "github.com/joho/godotenv/autoload"\n\nfunc main() { fmt.Println(1) }\n');
    assert.equal(gofmtDiff(out.replace('func main() { fmt.Println(1) }', 'func main() {\n\tfmt.Println(1)\n}')), undefined);
  });

  it('Go in a sub-module or without go.mod: no loader (autoload reads .env from the working directory)', () => {
    assert.equal(planGoLoader(ctx('go', 'svc/main.go', 'package main\n', { 'svc/go.mod': 'module m\n' })), undefined);
    assert.equal(planGoLoader(ctx('go', 'main.go', 'package main\n', {})), undefined);
  });
});
