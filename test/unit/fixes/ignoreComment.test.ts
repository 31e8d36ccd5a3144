import { strict as assert } from 'node:assert';
import { isSuppressed } from '../../../server/src/engine/suppress';
import { applyEdits, planIgnoreLine } from '../../../server/src/fixes';
import { bashError, pythonError, tsSyntaxErrors, yamlValue } from './helpers';

const KEY = 'pio_sk_Xb7Qm2Lp9Rt4Vw6Yz8Ac1De_3f6a9c2e-7b1d-4e8f-9a6b-2c5d8e1f4a7b';

/** Applies the ignore edit for the line holding KEY and checks the engine now suppresses it there. */
function ignore(src: string, languageId: string, filePath = ''): string | undefined {
  const line = src.slice(0, src.indexOf(KEY)).split('\n').length - 1;
  const e = planIgnoreLine(src, languageId, line, filePath);
  if (!e) return undefined;
  const out = applyEdits(src, [e]);
  const lines = out.split(/\r?\n/);
  const at = lines.findIndex((l) => l.includes(KEY));
  assert.ok(isSuppressed('hardcoded-key', lines[at], lines[at - 1]), `engine does not honour:\n${out}`);
  return out;
}

describe('planIgnoreLine', () => {
  it('// above the line with the same indentation (TS), still parses', () => {
    const src = `function f() {\n    const k = "${KEY}";\n}\n`;
    const out = ignore(src, 'typescript', 'a.ts')!;
    assert.equal(out, `function f() {\n    // keyward-ignore-next-line\n    const k = "${KEY}";\n}\n`);
    assert.deepEqual(tsSyntaxErrors(out, 'a.ts'), []);
  });

  it('# for Python, YAML, shell, Dockerfile, .env; -- for SQL; ; for INI; <!-- --> for Markdown', () => {
    const cases: [string, string, string, string][] = [
      ['python', 'a.py', `if True:\n  k = "${KEY}"\n`, '  # keyward-ignore-next-line'],
      ['yaml', 'c.yml', `a:\n  key: ${KEY}\n`, '  # keyward-ignore-next-line'],
      ['shellscript', 'a.sh', `export K=${KEY}\n`, '# keyward-ignore-next-line'],
      ['dockerfile', 'Dockerfile', `FROM x\nENV K=${KEY}\n`, '# keyward-ignore-next-line'],
      ['dotenv', '.env', `K=${KEY}\n`, '# keyward-ignore-next-line'],
      ['sql', 'a.sql', `INSERT INTO k VALUES ('${KEY}');\n`, '-- keyward-ignore-next-line'],
      ['ini', 'a.ini', `[api]\nkey=${KEY}\n`, '; keyward-ignore-next-line'],
      ['markdown', 'README.md', `Use this:\n\nkey ${KEY}\n`, '<!-- keyward-ignore-next-line -->'],
      ['css', 'a.css', `a { --k: "${KEY}"; }\n`, '/* keyward-ignore-next-line */'],
      ['bat', 'a.bat', `set K=${KEY}\n`, 'REM keyward-ignore-next-line'],
      ['jsonc', '.vscode/settings.json', `{\n  "k": "${KEY}"\n}\n`, '  // keyward-ignore-next-line'],
      ['json', 'tsconfig.json', `{\n  "k": "${KEY}"\n}\n`, '  // keyward-ignore-next-line'],
    ];
    for (const [lang, path, src, expected] of cases) {
      const out = ignore(src, lang, path);
      assert.ok(out, `${path}: no edit`);
      assert.ok(out.split('\n').includes(expected), `${path}:\n${out}`);
    }
  });

  it('strict JSON has no comments', () => {
    assert.equal(planIgnoreLine(`{"k": "${KEY}"}`, 'json', 0, 'data.json'), undefined);
  });

  it('Markdown fences use the fence language; table rows take the same-line form', () => {
    const md = `# Setup\n\n\`\`\`bash\nexport K=${KEY}\n\`\`\`\n`;
    assert.ok(ignore(md, 'markdown', 'README.md')!.includes('```bash\n# keyward-ignore-next-line\nexport K='));
    const table = `| name | value |\n| --- | --- |\n| key | ${KEY} |\n`;
    assert.ok(ignore(table, 'markdown', 'README.md')!.endsWith(`| key | ${KEY} | <!-- keyward-ignore -->\n`));
  });

  it('Vue/HTML: // in <script>, <!-- --> in markup', () => {
    const vue = `<template>\n  <Widget api-key="${KEY}" />\n</template>\n`;
    assert.ok(ignore(vue, 'vue', 'A.vue')!.includes('  <!-- keyward-ignore-next-line -->\n  <Widget'));
    const vue2 = `<template><div/></template>\n<script setup>\nconst k = '${KEY}'\n</script>\n`;
    assert.ok(ignore(vue2, 'vue', 'A.vue')!.includes('// keyward-ignore-next-line\nconst k'));
  });

  it('JSX children get {/* */}; attribute lines get //; both parse', () => {
    const children = `export const A = () => (\n  <div>\n    <Widget apiKey="${KEY}" />\n  </div>\n);\n`;
    const a = ignore(children, 'typescriptreact', 'A.tsx')!;
    assert.ok(a.includes('    {/* keyward-ignore-next-line */}\n    <Widget'), a);
    assert.deepEqual(tsSyntaxErrors(a, 'A.tsx'), []);
    const attrs = `export const A = () => (\n  <Widget\n    size="2"\n    apiKey="${KEY}"\n  />\n);\n`;
    const b = ignore(attrs, 'typescriptreact', 'A.tsx')!;
    assert.ok(b.includes('    // keyward-ignore-next-line\n    apiKey'), b);
    assert.deepEqual(tsSyntaxErrors(b, 'A.tsx'), []);
  });

  it('never writes into a multi-line string, template or heredoc', () => {
    assert.equal(planIgnoreLine(`doc = """\nkey ${KEY}\n"""\n`, 'python', 1, 'a.py'), undefined);
    assert.equal(planIgnoreLine(`const t = \`\nkey ${KEY}\n\`;\n`, 'javascript', 1, 'a.js'), undefined);
    assert.equal(planIgnoreLine(`cat <<EOF > .env\nK=${KEY}\nEOF\n`, 'shellscript', 1, 'a.sh'), undefined);
    // ... but a line after the string closed is fine.
    assert.ok(planIgnoreLine(`doc = """x"""\nk = "${KEY}"\n`, 'python', 1, 'a.py'));
    assert.ok(planIgnoreLine(`cat <<EOF\nhi\nEOF\nK=${KEY}\n`, 'shellscript', 3, 'a.sh'));
  });

  it('YAML block scalars: only literal shell scripts take a comment line', () => {
    const wf = `jobs:\n  a:\n    steps:\n      - run: |\n          echo start\n          curl -H "X-API-Key: ${KEY}" https://api.pioneer.ai\n`;
    const out = ignore(wf, 'yaml', '.github/workflows/ci.yml')!;
    assert.ok(out.includes('          # keyward-ignore-next-line\n          curl'), out);
    const doc = yamlValue(out) as { jobs: { a: { steps: { run: string }[] } } };
    assert.ok(doc.jobs.a.steps[0].run.includes('# keyward-ignore-next-line\ncurl'));
    assert.equal(planIgnoreLine(`cert: |\n  ${KEY}\n`, 'yaml', 1, 'a.yml'), undefined);
    assert.equal(planIgnoreLine(`- run: >\n    curl ${KEY}\n`, 'yaml', 1, 'w.yml'), undefined);
  });

  it('backslash continuations: same-line comment where legal, nothing where not', () => {
    const py = `x = "a" + \\\n    "${KEY}"\n`;
    const out = ignore(py, 'python', 'a.py')!;
    assert.equal(out, `x = "a" + \\\n    "${KEY}" # keyward-ignore\n`);
    assert.equal(pythonError(out), undefined);
    const sh = `curl \\\n  -H "X-API-Key: ${KEY}" \\\n  https://x\n`;
    assert.equal(planIgnoreLine(sh, 'shellscript', 1, 'a.sh'), undefined);
    const sh2 = `curl https://x \\\n  -H "X-API-Key: ${KEY}"\n`;
    const out2 = ignore(sh2, 'shellscript', 'a.sh')!;
    assert.equal(bashError(out2), undefined);
  });

  it('keeps CRLF and does not stack a second comment', () => {
    const src = `a = 1\r\nk = "${KEY}"\r\n`;
    const out = ignore(src, 'python', 'a.py')!;
    assert.equal(out, `a = 1\r\n# keyward-ignore-next-line\r\nk = "${KEY}"\r\n`);
    assert.equal(planIgnoreLine(out, 'python', 2, 'a.py'), undefined);
  });
});

describe('planIgnoreLine: Jupyter notebooks', () => {
  it('puts # keyward-ignore inside the cell line, keeping the JSON and the Python valid', () => {
    const src = JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: ['import os\n', `k = "${KEY}"\n`, 'print(k)'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    const out = ignore(src, 'jupyter', 'a.ipynb')!;
    const lines = (JSON.parse(out) as { cells: { source: string[] }[] }).cells[0].source;
    assert.deepEqual(lines, ['import os\n', `k = "${KEY}" # keyward-ignore\n`, 'print(k)']);
    assert.equal(pythonError(lines.join('')), undefined);
  });
});
