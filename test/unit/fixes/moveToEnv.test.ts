import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as vm from 'node:vm';
import { planMoveToEnv, isUnsupported } from '../../../server/src/fixes';
import { applyPlan, bashError, csharpError, tsTypeErrors, findingFor, goError, gofmtDiff, javaError, has, mustPlan, needTool, phpError, pythonError, rubyError, rustError, tsSyntaxErrors, yamlValue } from './helpers';

// Fake keys shaped like the providers' (not real credentials).
const PIO = 'pio_sk_Xb7Qm2Lp9Rt4Vw6Yz8Ac1De_3f6a9c2e-7b1d-4e8f-9a6b-2c5d8e1f4a7b';
const PK = 'pk_9fK2mQ7xLp4RtV8wZc3N6bHd';
const N = 'PIONEER_API_KEY';

function move(text: string, languageId: string, filePath: string, secret = PIO, name = N, after?: string) {
  return planMoveToEnv({ text, languageId, filePath, finding: findingFor(text, secret, { provider: 'pioneer', after }), name });
}

/** Evaluates `v` in a JS snippet with the env var set, to compare values before and after. */
function jsValue(code: string, env: Record<string, string> = { [N]: PIO }): unknown {
  return vm.runInNewContext(`${code}\n;v`, { process: { env } });
}

function pyValue(code: string): string {
  const r = spawnSync('python3', ['-c', `${code}\nimport sys; sys.stdout.write(str(v))`], { encoding: 'utf8', env: { ...process.env, [N]: PIO } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function assertMoved(out: string, lookup: string, secret = PIO) {
  assert.ok(out.includes(lookup), `missing ${lookup} in:\n${out}`);
  assert.ok(!out.includes(secret), 'secret still in the code');
}

describe('planMoveToEnv: JavaScript / TypeScript', () => {
  it('replaces a whole double-quoted literal in an SDK option (JS)', () => {
    const src = `import { Pioneer } from 'pioneer';\nconst client = new Pioneer({ apiKey: "${PIO}" });\n`;
    const plan = mustPlan(move(src, 'javascript', 'src/a.js'));
    const out = applyPlan(src, plan);
    assert.equal(out, `import { Pioneer } from 'pioneer';\nconst client = new Pioneer({ apiKey: process.env.${N} });\n`);
    assert.equal(plan.value, PIO);
    assert.equal(plan.destination, 'env-file');
    assert.deepEqual(tsSyntaxErrors(out, 'a.js'), []);
  });

  it('adds a non-null assertion in TypeScript so string-typed call sites still compile', () => {
    const src = `const key: string = '${PIO}';\nexport default key;\n`;
    const out = applyPlan(src, move(src, 'typescript', 'src/a.ts'));
    assert.equal(out, `const key: string = process.env.${N}!;\nexport default key;\n`);
    assert.deepEqual(tsSyntaxErrors(out, 'a.ts'), []);
  });

  it('turns a partial quoted literal into a template literal and keeps its value', () => {
    const src = `const v = "Bearer ${PIO}";`;
    const out = applyPlan(src, move(src, 'javascript', 'a.js'));
    assert.equal(out, `const v = \`Bearer \${process.env.${N}}\`;`);
    assert.equal(jsValue(out), jsValue(src));
  });

  it('escapes backticks and ${ in the rest of the string, keeps existing escapes', () => {
    const src = `const v = 'it\\'s \${cost} \`q\` \\\\ ?key=${PIO}&x=1';`;
    const out = applyPlan(src, move(src, 'javascript', 'a.js'));
    assert.deepEqual(tsSyntaxErrors(out, 'a.js'), []);
    assertMoved(out, `\${process.env.${N}}`);
    assert.equal(jsValue(out), jsValue(src));
  });

  it('inserts into an existing template literal', () => {
    const src = 'const base = "https://api.pioneer.ai";\nconst v = `${base}/x?key=' + PIO + '&q=1`;\n';
    const out = applyPlan(src, move(src, 'typescript', 'a.ts'));
    assert.ok(out.includes('`${base}/x?key=${process.env.PIONEER_API_KEY}&q=1`'), out);
    assert.equal(jsValue(out.replace(/: string/g, '')), jsValue(src));
  });

  it('wraps a JSX attribute value in braces', () => {
    const src = `export const A = () => <Widget apiKey="${PIO}" size="2" />;\n`;
    const out = applyPlan(src, move(src, 'javascriptreact', 'a.jsx'));
    assert.ok(out.includes(`apiKey={process.env.${N}}`), out);
    assert.deepEqual(tsSyntaxErrors(out, 'a.jsx'), []);
  });

  it('JSX partial attribute becomes a braced template (TSX)', () => {
    const src = `export const A = () => (\n  <img alt="x" src="https://maps.example.com/?key=${PIO}" />\n);\n`;
    const out = applyPlan(src, move(src, 'typescriptreact', 'a.tsx'));
    assert.ok(out.includes('src={`https://maps.example.com/?key=${process.env.PIONEER_API_KEY}`}'), out);
    assert.deepEqual(tsSyntaxErrors(out, 'a.tsx'), []);
  });

  it('does not treat a comparison as a JSX attribute', () => {
    const src = `let a = 1, b = 2; let c; if (a < b) c="${PIO}";\n`;
    const out = applyPlan(src, move(src, 'javascript', 'a.js'));
    assert.ok(out.includes(`c=process.env.${N};`), out);
    assert.deepEqual(tsSyntaxErrors(out, 'a.js'), []);
  });

  it('follows Vite files to import.meta.env and explains the VITE_ rule', () => {
    const src = `const url = import.meta.env.VITE_URL;\nconst key = "${PIO}";\n`;
    const plan = mustPlan(move(src, 'typescript', 'src/main.ts'));
    const out = applyPlan(src, plan);
    assert.ok(out.includes(`const key = import.meta.env.${N}!;`), out);
    assert.match(plan.note ?? '', /VITE_/);
    assert.ok(!plan.note!.includes(PIO));
  });

  it('uses a computed key when the literal is an object key', () => {
    const src = `const m = { "Bearer ${PIO}": 1 };`;
    const out = applyPlan(src, move(src, 'javascript', 'a.js'));
    assert.deepEqual(tsSyntaxErrors(out, 'a.js'), []);
    assert.ok(out.includes('[`Bearer ${process.env.PIONEER_API_KEY}`]: 1'), out);
  });

  it('offers no move for a key in a comment', () => {
    const src = `// old key: ${PIO}\nconst a = 1;\n`;
    const p = move(src, 'javascript', 'a.js');
    assert.ok(isUnsupported(p));
  });

  it('uses the literal range the engine gives (Vue SFC script)', () => {
    const src = `<template><div/></template>\n<script>\nexport default { data: () => ({ key: '${PIO}' }) };\n</script>\n`;
    const off = src.indexOf(`'${PIO}'`);
    const f = findingFor(src, PIO, { context: { kind: 'assignment', name: 'key', quote: "'", literalOffset: off, literalLength: PIO.length + 2 } });
    const out = applyPlan(src, planMoveToEnv({ text: src, languageId: 'vue', filePath: 'App.vue', finding: f, name: N }));
    assert.ok(out.includes(`({ key: process.env.${N} })`), out);
  });
});

describe('planMoveToEnv: Python', () => {
  it('adds import os at the top of a module without imports', () => {
    const src = `client = Pioneer(api_key="${PIO}")\n`;
    const out = applyPlan(src, move(src, 'python', 'app.py'));
    assert.equal(out, `import os\n\nclient = Pioneer(api_key=os.environ["${N}"])\n`);
    assert.equal(pythonError(out), undefined);
  });

  it('puts import os after the docstring and __future__, sorted into the import block', () => {
    const src = `#!/usr/bin/env python3\n"""Service client.\n\nUses ${'Pioneer'}.\n"""\nfrom __future__ import annotations\n\nimport json\nimport sys\nfrom typing import Any\n\nKEY = '${PIO}'\n`;
    const out = applyPlan(src, move(src, 'python', 'svc.py'));
    assert.ok(out.includes('import json\nimport os\nimport sys\n'), out);
    assert.ok(out.includes(`KEY = os.environ["${N}"]`), out);
    assert.equal(pythonError(out), undefined);
  });

  it('after a docstring with no imports', () => {
    const src = `"""Docs."""\nKEY = "${PIO}"\n`;
    const out = applyPlan(src, move(src, 'python', 'a.py'));
    assert.equal(out, `"""Docs."""\n\nimport os\n\nKEY = os.environ["${N}"]\n`);
    assert.equal(pythonError(out), undefined);
  });

  it('inserts into an existing f-string with the other quote kind (Python < 3.12)', () => {
    const src = `token = "x"\nv = f"Bearer ${PIO} {token}"\n`;
    const out = applyPlan(src, move(src, 'python', 'a.py'));
    assert.ok(out.includes(`v = f"Bearer {os.environ['${N}']} {token}"`), out);
    assert.equal(pythonError(out), undefined);
    assert.equal(pyValue(out), pyValue(src));
  });

  it('turns a plain partial string into an f-string, doubling its braces', () => {
    const src = `v = 'Bearer {x} ${PIO}'\n`;
    const out = applyPlan(src, move(src, 'python', 'a.py'));
    assert.ok(out.includes(`v = f'Bearer {{x}} {os.environ["${N}"]}'`), out);
    assert.equal(pyValue(out), pyValue(src));
  });

  it('keeps an os alias and an existing import', () => {
    const src = `import os as _os, sys\nKEY = "${PIO}"\n`;
    const out = applyPlan(src, move(src, 'python', 'a.py'));
    assert.equal(out, `import os as _os, sys\nKEY = _os.environ["${N}"]\n`);
  });

  it('uses environ when the module imports it from os', () => {
    const src = `from os import environ, path\nKEY = "${PIO}"\n`;
    const out = applyPlan(src, move(src, 'python', 'a.py'));
    assert.equal(out, `from os import environ, path\nKEY = environ["${N}"]\n`);
  });

  it('byte strings get .encode()', () => {
    const src = `import os\nv = b"Bearer ${PIO}"\n`;
    const out = applyPlan(src, move(src, 'python', 'a.py'));
    assert.ok(out.includes(`v = b"Bearer " + os.environ["${N}"].encode()`), out);
    assert.equal(pythonError(out), undefined);
  });

  it('does not mistake a string in the first import block for code, nor insert into a multi-line import', () => {
    const src = `from typing import (\n    Any,\n    Dict,\n)\nimport requests\n\nr = requests.get("https://api.pioneer.ai", headers={"X-API-Key": "${PIO}"})\n`;
    const out = applyPlan(src, move(src, 'python', 'a.py'));
    assert.ok(out.includes('from typing import (\n    Any,\n    Dict,\n)\nimport os\nimport requests\n'), out);
    assert.equal(pythonError(out), undefined);
  });

  it('parenthesises a concatenation followed by %', () => {
    const src = `import os\nv = b"Bearer %s ${PIO}" % b"x"\n`;
    const out = applyPlan(src, move(src, 'python', 'a.py'));
    assert.ok(out.includes(`(b"Bearer %s " + os.environ["${N}"].encode()) % b"x"`), out);
  });
});

describe('planMoveToEnv: Go', () => {
  const goOk = has('go');
  it('adds "os" to an import block in sorted order and compiles', function () {
    if (!goOk) this.skip();
    const src = `package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() {\n\treq, _ := http.NewRequest("GET", "https://api.pioneer.ai/list-api-keys", nil)\n\treq.Header.Set("X-API-Key", "${PIO}")\n\tfmt.Println(req != nil)\n}\n`;
    const out = applyPlan(src, move(src, 'go', 'main.go'));
    assert.ok(out.includes('import (\n\t"fmt"\n\t"net/http"\n\t"os"\n)'), out);
    assert.ok(out.includes(`req.Header.Set("X-API-Key", os.Getenv("${N}"))`), out);
    assert.equal(goError(out), undefined);
    assert.equal(gofmtDiff(out), undefined, 'gofmt would rewrite the result');
  });

  it('single import: adds another import line; concatenates a partial literal', function () {
    if (!goOk) this.skip();
    const src = `package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("Bearer ${PIO}")\n}\n`;
    const out = applyPlan(src, move(src, 'go', 'main.go'));
    assert.ok(out.includes(`fmt.Println("Bearer " + os.Getenv("${N}"))`), out);
    assert.equal(goError(out), undefined);
    assert.equal(gofmtDiff(out), undefined, 'gofmt would rewrite the result');
    const two = `package main\n\nimport "net/http"\n\nfunc f(req *http.Request) {\n\treq.Header.Set("Authorization", "Bearer ${PIO}")\n}\n`;
    const out2 = applyPlan(two, move(two, 'go', 'main.go'));
    assert.ok(out2.includes(`req.Header.Set("Authorization", "Bearer "+os.Getenv("${N}"))`), out2);
    assert.equal(gofmtDiff(out2), undefined, 'gofmt would rewrite the result');
  });

  it('no imports: adds one after the package clause; const becomes var', function () {
    if (!goOk) this.skip();
    const src = `package main\n\nconst apiKey = "${PIO}"\n\nfunc main() { _ = apiKey }\n`;
    const out = applyPlan(src, move(src, 'go', 'main.go'));
    assert.ok(out.startsWith('package main\n\nimport "os"\n'), out);
    assert.ok(out.includes(`var apiKey = os.Getenv("${N}")`), out);
    assert.equal(goError(out), undefined);
    assert.equal(gofmtDiff(out), undefined, 'gofmt would rewrite the result');
  });

  it('a const block without iota becomes a var block; with iota it is refused', function () {
    if (!goOk) this.skip();
    const src = `package main\n\nimport "fmt"\n\nconst (\n\tbase = "https://api.pioneer.ai"\n\tkey  = \`${PIO}\`\n)\n\nfunc main() { fmt.Println(base, key) }\n`;
    const out = applyPlan(src, move(src, 'go', 'main.go'));
    assert.ok(out.includes('var (\n'), out);
    assert.equal(goError(out), undefined);
    assert.equal(gofmtDiff(out), undefined, 'gofmt would rewrite the result');
    const bad = `package main\n\nconst (\n\tA = iota\n\tkey = "${PIO}"\n)\n`;
    assert.ok(isUnsupported(move(bad, 'go', 'main.go')));
  });

  it('keeps an aliased os import', () => {
    const src = `package main\n\nimport (\n\tgoos "os"\n)\n\nvar k = "${PIO}"\n`;
    const out = applyPlan(src, move(src, 'go', 'main.go'));
    assert.ok(out.includes(`var k = goos.Getenv("${N}")`), out);
    assert.equal(out.match(/"os"/g)!.length, 1);
  });
});

describe('planMoveToEnv: JVM, .NET', () => {
  it('Java: whole literal and concatenation', function () {
    const src = `class A {\n  static final String KEY = "${PIO}";\n  String h = "Bearer ${PK}";\n}\n`;
    const out1 = applyPlan(src, move(src, 'java', 'A.java'));
    assert.ok(out1.includes(`static final String KEY = System.getenv("${N}");`), out1);
    const out2 = applyPlan(src, move(src, 'java', 'A.java', PK, 'PINECALL_API_KEY'));
    assert.ok(out2.includes(`String h = "Bearer " + System.getenv("PINECALL_API_KEY");`), out2);
    needTool(this, 'javac');
    const both = applyPlan(out1, move(out1, 'java', 'A.java', PK, 'PINECALL_API_KEY'));
    assert.equal(javaError(both), undefined);
  });

  it('Java: parenthesises when a method is called on the literal; refuses annotation arguments', function () {
    const src = `class A { int n = "Bearer ${PIO}".length(); }`;
    const out = applyPlan(src, move(src, 'java', 'A.java'));
    assert.ok(out.includes(`("Bearer " + System.getenv("${N}")).length()`), out);
    const ann = `class A { @Header("${PIO}") void f() {} }`;
    assert.ok(isUnsupported(move(ann, 'java', 'A.java')));
    needTool(this, 'javac');
    assert.equal(javaError(out), undefined);
  });

  it('Kotlin: const val loses const; partials use a string template', () => {
    const src = `const val KEY = "${PIO}"\nval h = "Bearer ${PK}"\n`;
    const out = applyPlan(src, move(src, 'kotlin', 'A.kt'));
    assert.ok(out.startsWith(`val KEY = System.getenv("${N}")`), out);
    const out2 = applyPlan(src, move(src, 'kotlin', 'A.kt', PK, 'PINECALL_API_KEY'));
    assert.ok(out2.includes('val h = "Bearer ${System.getenv("PINECALL_API_KEY")}"'), out2);
  });

  it('C#: member const becomes static readonly, local const drops const, qualified without using System', function () {
    const src = `namespace App {\n  class C {\n    private const string Key = "${PIO}";\n    void F() {\n      const string h = "${PK}";\n    }\n  }\n}\n`;
    const out = applyPlan(src, move(src, 'csharp', 'C.cs'));
    assert.ok(out.includes(`private static readonly string Key = System.Environment.GetEnvironmentVariable("${N}");`), out);
    const out2 = applyPlan(src, move(src, 'csharp', 'C.cs', PK, 'PINECALL_API_KEY'));
    assert.ok(out2.includes(`      string h = System.Environment.GetEnvironmentVariable("PINECALL_API_KEY");`), out2);
    needTool(this, 'mcs');
    const both = applyPlan(out, move(out, 'csharp', 'C.cs', PK, 'PINECALL_API_KEY'));
    assert.equal(csharpError(both), undefined);
  });

  it('C#: interpolated string keeps its $ on both pieces', function () {
    const src = `using System;\nclass C { string h = $"Bearer ${PIO} {Id}"; }`;
    const out = applyPlan(src, move(src, 'csharp', 'C.cs'));
    assert.ok(out.includes(`string h = $"Bearer " + Environment.GetEnvironmentVariable("${N}") + $" {Id}";`), out);
    needTool(this, 'mcs');
    assert.equal(csharpError(out.replace('class C {', 'class C { static string Id = "1";').replace('string h', 'static string h')), undefined);
  });
});

describe('planMoveToEnv: Ruby, PHP, Rust, C', () => {
  const rubyOk = has('ruby');
  const phpOk = has('php');
  const rustOk = has('rustc');

  it('Ruby: whole, interpolation in double quotes, concatenation in single quotes', function () {
    if (!rubyOk) this.skip();
    const src = `KEY = "${PIO}"\nH = "Bearer ${PK}"\nS = 'Bearer #{x} ${'pk_4mQ7xLp4RtV8wZc3N6bHdzz'}'\n`;
    const a = applyPlan(src, move(src, 'ruby', 'a.rb'));
    assert.ok(a.includes(`KEY = ENV.fetch("${N}")`), a);
    const b = applyPlan(src, move(src, 'ruby', 'a.rb', PK, 'PINECALL_API_KEY'));
    assert.ok(b.includes('H = "Bearer #{ENV.fetch("PINECALL_API_KEY")}"'), b);
    const c = applyPlan(src, move(src, 'ruby', 'a.rb', 'pk_4mQ7xLp4RtV8wZc3N6bHdzz', 'PINECALL_API_KEY'));
    assert.ok(c.includes(`S = 'Bearer #{x} ' + ENV.fetch("PINECALL_API_KEY")`), c);
    for (const o of [a, b, c]) assert.equal(rubyError(o), undefined);
    const r = spawnSync('ruby', ['-e', `${b}\nprint H`], { encoding: 'utf8', env: { ...process.env, PINECALL_API_KEY: PK } });
    assert.equal(r.stdout, `Bearer ${PK}`);
  });

  it('PHP: getenv and the . operator; property defaults are refused', function () {
    if (!phpOk) this.skip();
    const src = `<?php\n$key = '${PIO}';\n$h = "Authorization: Bearer ${PK}";\n`;
    const a = applyPlan(src, move(src, 'php', 'a.php'));
    assert.ok(a.includes(`$key = getenv('${N}');`), a);
    const b = applyPlan(src, move(src, 'php', 'a.php', PK, 'PINECALL_API_KEY'));
    assert.ok(b.includes(`$h = "Authorization: Bearer " . getenv('PINECALL_API_KEY');`), b);
    assert.equal(phpError(a), undefined);
    assert.equal(phpError(b), undefined);
    const cls = `<?php\nclass A {\n  private string $key = '${PIO}';\n}\n`;
    assert.ok(isUnsupported(move(cls, 'php', 'a.php')));
  });

  it('Rust: borrowed lookup compiles where a &str was; format! for partials; const refused', function () {
    if (!rustOk) this.skip();
    const src = `fn send(_k: &str) {}\npub fn run() {\n    let key = "${PIO}";\n    send(key);\n    send("${PK}");\n    let owned: String = "${'pk_ownedQ7xLp4RtV8wZc3N6bHd'}".to_string();\n    let h = "Bearer {x} ${'pk_fmtQ7xLp4RtV8wZc3N6bHdzz'}";\n    send(h);\n    drop(owned);\n}\n`;
    let out = applyPlan(src, move(src, 'rust', 'lib.rs'));
    out = applyPlan(out, move(out, 'rust', 'lib.rs', PK, 'PINECALL_API_KEY'));
    out = applyPlan(out, move(out, 'rust', 'lib.rs', 'pk_ownedQ7xLp4RtV8wZc3N6bHd', 'OWNED_KEY'));
    out = applyPlan(out, move(out, 'rust', 'lib.rs', 'pk_fmtQ7xLp4RtV8wZc3N6bHdzz', 'FMT_KEY'));
    assert.ok(out.includes(`let key = &std::env::var("${N}").expect("${N} is not set");`), out);
    assert.ok(out.includes('let owned: String = std::env::var("OWNED_KEY").expect("OWNED_KEY is not set").to_string();'), out);
    assert.ok(out.includes('let h = &format!("Bearer {{x}} {}", std::env::var("FMT_KEY").expect("FMT_KEY is not set"));'), out);
    assert.equal(rustError(out), undefined);
    assert.ok(isUnsupported(move(`const KEY: &str = "${PIO}";\n`, 'rust', 'lib.rs')));
  });

  it('C: getenv with the include inside functions; file-scope initialisers refused', () => {
    const src = `#include <stdio.h>\n\nint main(void) {\n  const char *key = "${PIO}";\n  return key != 0;\n}\n`;
    const out = applyPlan(src, move(src, 'c', 'main.c'));
    assert.equal(out, `#include <stdio.h>\n#include <stdlib.h>\n\nint main(void) {\n  const char *key = getenv("${N}");\n  return key != 0;\n}\n`);
    assert.ok(isUnsupported(move(`static const char *key = "${PIO}";\n`, 'c', 'k.c')));
  });
});

describe('planMoveToEnv: shell, Dockerfile, YAML, Terraform, config files', () => {
  it('shell: unquoted, double-quoted and single-quoted values keep their meaning', function () {
    const src = `#!/bin/sh\nexport PIONEER_API_KEY=${PIO}\ncurl -H "X-API-Key: ${PK}" https://api.pioneer.ai\necho 'Authorization: Bearer ${'pk_sq_Q7xLp4RtV8wZc3N6bHdzz'} done'\n`;
    let out = applyPlan(src, move(src, 'shellscript', 'run.sh'));
    assert.ok(out.includes(`export PIONEER_API_KEY="\${${N}}"`), out);
    out = applyPlan(out, move(out, 'shellscript', 'run.sh', PK, 'PK1'));
    assert.ok(out.includes('curl -H "X-API-Key: ${PK1}"'), out);
    out = applyPlan(out, move(out, 'shellscript', 'run.sh', 'pk_sq_Q7xLp4RtV8wZc3N6bHdzz', 'PK2'));
    assert.ok(out.includes(`echo 'Authorization: Bearer '"\${PK2}"' done'`), out);
    needTool(this, 'bash');
    assert.equal(bashError(out), undefined);
    const r = spawnSync('bash', ['-c', out.split('\n')[3]], { encoding: 'utf8', env: { ...process.env, PK2: 'v a$l' } });
    assert.equal(r.stdout, 'Authorization: Bearer v a$l done\n');
  });

  it('Dockerfile RUN: secret mount plus variable; ENV is refused with the reason', () => {
    const src = `FROM alpine\nRUN apk add curl && \\\n    curl -H "X-API-Key: ${PIO}" https://api.pioneer.ai/list-api-keys\n`;
    const plan = mustPlan(move(src, 'dockerfile', 'Dockerfile'));
    const out = applyPlan(src, plan);
    assert.ok(out.includes(`RUN --mount=type=secret,id=${N},env=${N} apk add curl`), out);
    assert.ok(out.includes(`curl -H "X-API-Key: \${${N}}"`), out);
    assert.match(plan.note!, /docker build --secret/);
    const env = move(`FROM alpine\nENV PIONEER_API_KEY=${PIO}\n`, 'dockerfile', 'Dockerfile');
    assert.ok(isUnsupported(env) && /run time|build secret/.test(env.unsupported));
  });

  it('Compose: ${NAME} in list and map forms, YAML still parses', () => {
    const src = `services:\n  api:\n    image: x\n    environment:\n      - PIONEER_API_KEY=${PIO}\n      PINECALL: "Bearer ${PK}"\n`.replace('      PINECALL', '    labels:\n      PINECALL');
    let out = applyPlan(src, move(src, 'yaml', 'docker-compose.yml'));
    out = applyPlan(out, move(out, 'yaml', 'docker-compose.yml', PK, 'PINECALL_API_KEY'));
    const doc = yamlValue(out) as { services: { api: { environment: string[]; labels: Record<string, string> } } };
    assert.deepEqual(doc.services.api.environment, [`PIONEER_API_KEY=\${${N}}`]);
    assert.equal(doc.services.api.labels.PINECALL, 'Bearer ${PINECALL_API_KEY}');
  });

  it('GitHub workflow: repository secret expression, destination github-secrets', () => {
    const src = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          curl -H "X-API-Key: ${PIO}" https://api.pioneer.ai\n        env:\n          KEY: ${PK}\n`;
    const plan = mustPlan(move(src, 'yaml', '.github/workflows/ci.yml'));
    assert.equal(plan.destination, 'github-secrets');
    let out = applyPlan(src, plan);
    out = applyPlan(out, move(out, 'yaml', '.github/workflows/ci.yml', PK, 'PINECALL_API_KEY'));
    assert.ok(out.includes('X-API-Key: ${{ secrets.PIONEER_API_KEY }}'), out);
    const doc = yamlValue(out) as { jobs: { a: { steps: { run: string; env: Record<string, string> }[] } } };
    assert.equal(doc.jobs.a.steps[0].env.KEY, '${{ secrets.PINECALL_API_KEY }}');
    assert.equal(doc.jobs.a.steps[0].run, 'curl -H "X-API-Key: ${{ secrets.PIONEER_API_KEY }}" https://api.pioneer.ai\n');
  });

  it('Terraform: var reference, a sensitive variable block, TF_VAR_ name', () => {
    const src = `provider "pioneer" {\n  api_key = "${PIO}"\n  header  = "Bearer ${PK}"\n}`;
    const plan = mustPlan(move(src, 'terraform', 'main.tf'));
    assert.equal(plan.name, 'TF_VAR_pioneer_api_key');
    const out = applyPlan(src, plan);
    assert.ok(out.includes('api_key = var.pioneer_api_key'), out);
    assert.ok(out.endsWith('}\n\nvariable "pioneer_api_key" {\n  type      = string\n  sensitive = true\n}\n'), out);
    const out2 = applyPlan(out, move(out, 'terraform', 'main.tf', PK, 'PINECALL_API_KEY'));
    assert.ok(out2.includes('header  = "Bearer ${var.pinecall_api_key}"'), out2);
  });

  it('Makefile: $(NAME)', () => {
    const src = `deploy:\n\tcurl -H 'X-API-Key: ${PIO}' https://api.pioneer.ai\n`;
    assert.ok(applyPlan(src, move(src, 'makefile', 'Makefile')).includes(`'X-API-Key: $(${N})'`));
  });

  it('.env, JSON, TOML and plain YAML get an explanation instead of an edit', () => {
    for (const [lang, path, src] of [
      ['dotenv', '.env', `PIONEER_API_KEY=${PIO}\n`],
      ['json', 'config.json', `{"apiKey": "${PIO}"}`],
      ['toml', 'config.toml', `api_key = "${PIO}"\n`],
      ['yaml', 'k8s/deploy.yaml', `env:\n  - name: KEY\n    value: ${PIO}\n`],
      ['properties', 'app.properties', `api.key=${PIO}\n`],
    ]) {
      const p = move(src, lang, path);
      assert.ok(isUnsupported(p), `${path} should be unsupported`);
      assert.ok(p.unsupported.length > 20 && !p.unsupported.includes(PIO));
    }
  });

  it('refuses invalid names and stale findings', () => {
    const src = `const a = "${PIO}";`;
    assert.ok(isUnsupported(move(src, 'javascript', 'a.js', PIO, 'bad-name')));
    const f = findingFor(src, PIO);
    f.offset = src.length + 5;
    assert.ok(isUnsupported(planMoveToEnv({ text: src, languageId: 'javascript', filePath: 'a.js', finding: f, name: N })));
  });

  it('keeps CRLF files CRLF (import line)', () => {
    const src = `import sys\r\nKEY = "${PIO}"\r\n`;
    const out = applyPlan(src, move(src, 'python', 'a.py'));
    assert.equal(out, `import os\r\nimport sys\r\nKEY = os.environ["${N}"]\r\n`);
  });
});

describe('planMoveToEnv: config formats that expand ${NAME}, and committed env examples', () => {
  it('Spring application.yml / application.properties use ${NAME}', () => {
    const yml = `pioneer:\n  api-key: ${PIO}\n`;
    const out = applyPlan(yml, move(yml, 'yaml', 'src/main/resources/application.yml'));
    assert.deepEqual(yamlValue(out), { pioneer: { 'api-key': `\${${N}}` } });
    const props = `pioneer.api-key=${PIO}\n`;
    assert.equal(applyPlan(props, move(props, 'properties', 'application-prod.properties')), `pioneer.api-key=\${${N}}\n`);
  });

  it('.npmrc expands ${NAME}', () => {
    const src = `//registry.npmjs.org/:_authToken=${PIO}\n`;
    assert.equal(applyPlan(src, move(src, 'properties', '.npmrc', PIO, 'NPM_TOKEN')), '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n');
  });

  it('GitLab CI: ${NAME} and the variables store as destination', () => {
    const src = `deploy:\n  script:\n    - curl -H "X-API-Key: ${PIO}" https://api.pioneer.ai\n`;
    const plan = mustPlan(move(src, 'yaml', '.gitlab-ci.yml'));
    assert.equal(plan.destination, 'gitlab-variables');
    assert.ok(applyPlan(src, plan).includes(`"X-API-Key: \${${N}}"`));
  });

  it('.env.example: the value moves out, the line keeps its own name', () => {
    const src = `# copy to .env\nAPP_PIONEER_KEY="${PIO}" # from the dashboard\nOTHER=1\n`;
    const plan = mustPlan(move(src, 'dotenv', '.env.example'));
    assert.equal(plan.name, 'APP_PIONEER_KEY');
    assert.equal(plan.value, PIO);
    assert.equal(applyPlan(src, plan), '# copy to .env\nAPP_PIONEER_KEY= # from the dashboard\nOTHER=1\n');
    const bare = `export K=${PIO}\n`;
    assert.equal(applyPlan(bare, move(bare, 'dotenv', 'config/.env.sample')), 'export K=\n');
  });

  it('appsettings.json explains the __ override instead', () => {
    const p = move(`{"Pioneer": {"ApiKey": "${PIO}"}}`, 'json', 'appsettings.Development.json');
    assert.ok(isUnsupported(p) && /__/.test(p.unsupported));
  });
});

describe('planMoveToEnv: more languages (whole literal, then a partial one)', () => {
  const table: [string, string, string, string][] = [
    ['swift', 'a.swift', `let key = "${PK}"\nlet h = "Bearer ${PK}"\n`, 'import Foundation\nlet key = (ProcessInfo.processInfo.environment["K0"] ?? "")\nlet h = "Bearer " + (ProcessInfo.processInfo.environment["K1"] ?? "")\n'],
    ['dart', 'a.dart', `const key = '${PK}';\nfinal h = 'Bearer ${PK}';\n`, "import 'dart:io';\nfinal key = Platform.environment['K0']!;\nfinal h = 'Bearer ' + Platform.environment['K1']!;\n"],
    ['scala', 'a.scala', `val key = "${PK}"\nval h = "Bearer ${PK}"\n`, 'val key = sys.env("K0")\nval h = "Bearer " + sys.env("K1")\n'],
    ['elixir', 'a.ex', `key = "${PK}"\nh = "Bearer ${PK}"\n`, 'key = System.fetch_env!("K0")\nh = "Bearer #{System.fetch_env!("K1")}"\n'],
    ['lua', 'a.lua', `local key = "${PK}"\nlocal h = "Bearer ${PK}"\n`, 'local key = os.getenv("K0")\nlocal h = "Bearer " .. os.getenv("K1")\n'],
    ['perl', 'a.pl', `my $key = '${PK}';\nmy $h = "Bearer ${PK}";\n`, 'my $key = $ENV{K0};\nmy $h = "Bearer $ENV{K1}";\n'],
    ['r', 'a.R', `key <- "${PK}"\nh <- "Bearer ${PK}"\n`, 'key <- Sys.getenv("K0")\nh <- paste0("Bearer ", Sys.getenv("K1"))\n'],
    ['powershell', 'a.ps1', `$key = '${PK}'\n$h = "Bearer ${PK}"\n`, '$key = $env:K0\n$h = "Bearer $($env:K1)"\n'],
  ];
  for (const [lang, path, src, expected] of table) {
    it(lang, () => {
      let out = src;
      for (const name of ['K0', 'K1']) out = applyPlan(out, move(out, lang, path, PK, name));
      assert.equal(out, expected);
    });
  }
});

describe('planMoveToEnv: component files', () => {
  it('Vue/Svelte markup is refused (templates cannot read env); the script part is rewritten', () => {
    const vue = `<template>\n  <Widget api-key="${PIO}" />\n</template>\n<script setup>\nconst k = '${PK}'\n</script>\n`;
    assert.ok(isUnsupported(move(vue, 'vue', 'App.vue')));
    assert.ok(applyPlan(vue, move(vue, 'vue', 'App.vue', PK, 'PINECALL_API_KEY')).includes('const k = process.env.PINECALL_API_KEY\n'));
  });

  it('Astro frontmatter counts as script', () => {
    const astro = `---\nconst key = "${PIO}";\n---\n<p>hi</p>\n`;
    assert.ok(applyPlan(astro, move(astro, 'astro', 'src/pages/index.astro')).includes(`const key = process.env.${N};`));
  });
});

describe('planMoveToEnv: Java compiles after the move', () => {
  it('static final field, text in a method call, switch on another constant', function () {
    if (!has('javac')) this.skip();
    const src = `import java.net.http.HttpRequest;\nimport java.net.URI;\n\npublic class Client {\n  private static final String BASE = "https://api.pioneer.ai";\n  private static final String KEY = "${PIO}";\n\n  HttpRequest req() {\n    return HttpRequest.newBuilder(URI.create(BASE + "/list-api-keys"))\n        .header("Authorization", "Bearer ${PK}")\n        .build();\n  }\n}\n`;
    let out = applyPlan(src, move(src, 'java', 'Client.java'));
    out = applyPlan(out, move(out, 'java', 'Client.java', PK, 'PINECALL_API_KEY'));
    assert.ok(out.includes('.header("Authorization", "Bearer " + System.getenv("PINECALL_API_KEY"))'), out);
    assert.equal(javaError(out, 'Client'), undefined);
  });
});

describe('planMoveToEnv: TypeScript still type-checks (strict, @types/node)', () => {
  it('string-typed parameters, fields and headers accept the moved value', function () {
    this.timeout(90000);
    const src = `function take(k: string): string { return k; }\nclass Client { constructor(readonly key: string) {} }\nexport const a = take("${PIO}");\nexport const b = new Client('${PK}');\nexport const h: Record<string, string> = { Authorization: "Bearer ${'pk_hdrQ7xLp4RtV8wZc3N6bHdzz'}" };\n`;
    assert.deepEqual(tsTypeErrors(src), []);
    let out = applyPlan(src, move(src, 'typescript', 'check.ts'));
    out = applyPlan(out, move(out, 'typescript', 'check.ts', PK, 'PINECALL_API_KEY'));
    out = applyPlan(out, move(out, 'typescript', 'check.ts', 'pk_hdrQ7xLp4RtV8wZc3N6bHdzz', 'HDR_KEY'));
    assert.deepEqual(tsTypeErrors(out), [], out);
    // Without the assertion the same code would not compile: the check has teeth.
    assert.ok(tsTypeErrors(out.replace(/!/g, '')).length > 0);
  });
});

describe('planMoveToEnv: ERB-processed YAML', () => {
  it('Rails config YAML that already uses ERB gets <%= ENV.fetch %>', () => {
    const src = `production:\n  adapter: postgresql\n  password: <%= ENV["DB_PASSWORD"] %>\n  pioneer_key: ${PIO}\n`;
    assert.equal(applyPlan(src, move(src, 'yaml', 'config/settings.yml')), `production:\n  adapter: postgresql\n  password: <%= ENV["DB_PASSWORD"] %>\n  pioneer_key: <%= ENV.fetch("${N}") %>\n`);
  });
});

describe('planMoveToEnv: Jupyter notebooks', () => {
  const nb = (source: string[], type = 'code') =>
    JSON.stringify({ cells: [{ cell_type: type, execution_count: null, metadata: {}, outputs: [], source }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
  const cellSource = (text: string) => (JSON.parse(text) as { cells: { source: string[] }[] }).cells[0].source;

  it('rewrites the Python line inside the JSON string and adds import os as the cell\'s first line', () => {
    const src = nb(['import stripe\n', `stripe.api_key = "${PIO}"\n`, `h = {"Authorization": "Bearer ${PK}"}`]);
    let out = applyPlan(src, move(src, 'jupyter', 'notebooks/demo.ipynb'));
    out = applyPlan(out, move(out, 'jupyter', 'notebooks/demo.ipynb', PK, 'PINECALL_API_KEY'));
    const lines = cellSource(out);
    assert.deepEqual(lines, ['import os\n', 'import stripe\n', `stripe.api_key = os.environ["${N}"]\n`, `h = {"Authorization": f"Bearer {os.environ['PINECALL_API_KEY']}"}`]);
    assert.equal(pythonError(lines.join('')), undefined);
    assert.ok(!out.includes(PIO) && !out.includes(PK));
  });

  it('markdown cells and cell magics are explained, not edited', () => {
    assert.ok(isUnsupported(move(nb([`key: ${PIO}`], 'markdown'), 'jupyter', 'a.ipynb')));
    assert.ok(isUnsupported(move(nb(['%%bash\n', `curl -H "X-API-Key: ${PIO}" x`]), 'jupyter', 'a.ipynb')));
  });
});

describe('planMoveToEnv: constant-only positions are explained', () => {
  it('Java/C# case labels and C# default parameters', () => {
    assert.ok(isUnsupported(move(`class A { void f(String s) { switch (s) { case "${PIO}": break; } } }`, 'java', 'A.java')));
    assert.ok(isUnsupported(move(`class A { void F(int n, string key = "${PIO}") {} }`, 'csharp', 'A.cs')));
    // A named argument in a call is not a declaration: still rewritten.
    const call = `class A { void G() { F(key: "${PIO}"); } }`;
    assert.ok(applyPlan(call, move(call, 'csharp', 'A.cs')).includes(`F(key: System.Environment.GetEnvironmentVariable("${N}"))`));
  });
});
