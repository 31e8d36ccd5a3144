import { strict as assert } from 'node:assert';
import { scan } from '../../../server/src/engine/scan';
import { applyEdits, parseEnv, planEnvEntries, planFixAll } from '../../../server/src/fixes';
import { goError, has, pythonError, tsSyntaxErrors } from './helpers';

const PIO = 'pio_sk_Xb7Qm2Lp9Rt4Vw6Yz8Ac1De_3f6a9c2e-7b1d-4e8f-9a6b-2c5d8e1f4a7b';
const GH = 'hf_' + 'QxRtVbNmKpLzWyHgFdSaJcXeUiOoPlMnBv';
const STRIPE = 'sk_live_' + '51Hx9QaL2mT7vR3wP8cN4bY6dK0fJ5gZ1sE';

function keysLeft(text: string, path: string): number {
  return scan(text, path).filter((f) => f.ruleId === 'hardcoded-key').length;
}

describe('planFixAll', () => {
  it('JS: every key moved, one name per value, code still parses, nothing left to flag', () => {
    const src = `import { Pioneer } from 'pioneer';\nconst a = new Pioneer({ apiKey: "${PIO}" });\nconst b = new Pioneer({ apiKey: '${PIO}' });\nconst gh = "${GH}";\nconst headers = { Authorization: "Bearer ${STRIPE}" };\n`;
    const findings = scan(src, 'src/a.ts');
    assert.ok(findings.filter((f) => f.ruleId === 'hardcoded-key').length >= 4, 'engine should flag the fixture');
    const plan = planFixAll(src, 'typescript', 'src/a.ts', findings, new Map());
    const out = applyEdits(src, plan.edits);
    assert.deepEqual(plan.skipped.map((s) => s.reason), []);
    assert.deepEqual(tsSyntaxErrors(out, 'a.ts'), []);
    assert.equal(keysLeft(out, 'src/a.ts'), 0, out);
    for (const k of [PIO, GH, STRIPE]) assert.ok(!out.includes(k));
    const names = plan.entries.map((e) => e.name);
    assert.equal(new Set(names).size, 3, names.join());
    assert.ok(names.includes('PIONEER_API_KEY'));
    assert.equal(plan.entries.find((e) => e.name === 'PIONEER_API_KEY')!.value, PIO);
    assert.equal((out.match(/process\.env\.PIONEER_API_KEY!/g) ?? []).length, 2);
  });

  it('Python: one import os for many keys; .env collisions avoided using the existing file', () => {
    const src = `"""Client."""\nimport requests\n\nPIONEER = "${PIO}"\nGITHUB = "${GH}"\n`;
    const envText = 'PIONEER_API_KEY=some-other-key\n';
    const plan = planFixAll(src, 'python', 'app/client.py', scan(src, 'app/client.py'), parseEnv(envText));
    const out = applyEdits(src, plan.edits);
    assert.equal((out.match(/^import os$/gm) ?? []).length, 1, out);
    assert.equal(pythonError(out), undefined);
    assert.equal(keysLeft(out, 'app/client.py'), 0, out);
    const pio = plan.entries.find((e) => e.value === PIO)!;
    assert.equal(pio.name, 'PIONEER_API_KEY_2');
    assert.ok(out.includes('os.environ["PIONEER_API_KEY_2"]'));
    const env = planEnvEntries(envText, plan.entries);
    assert.ok(env.entries.every((e) => e.name === e.requested), 'names from fix-all are final');
    const written = parseEnv(applyEdits(envText, [env.edit!]));
    assert.equal(written.get('PIONEER_API_KEY'), 'some-other-key');
    assert.equal(written.get('PIONEER_API_KEY_2'), PIO);
  });

  it('reuses a name whose .env value is the same key', () => {
    const src = `KEY = "${PIO}"\n`;
    const plan = planFixAll(src, 'python', 'a.py', scan(src, 'a.py'), new Map([['PIONEER_API_KEY', PIO]]));
    assert.equal(plan.entries[0].name, 'PIONEER_API_KEY');
  });

  it('a literal key in a query string is handled once, by the header fix', () => {
    const src = `const r = await fetch("https://api.pioneer.ai/list-api-keys?api_key=${PIO}");\n`;
    const findings = scan(src, 'a.js');
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['hardcoded-key', 'query-string-auth']);
    const plan = planFixAll(src, 'javascript', 'a.js', findings);
    const out = applyEdits(src, plan.edits);
    assert.equal(out, `const r = await fetch("https://api.pioneer.ai/list-api-keys", { headers: { "X-API-Key": process.env.PIONEER_API_KEY } });\n`);
    assert.deepEqual(plan.entries, [{ name: 'PIONEER_API_KEY', value: PIO, destination: 'env-file' }]);
    assert.deepEqual(plan.skipped, []);
  });

  it('two keys in one literal: the second is reported as skipped, never a broken edit', () => {
    const src = `const s = "a=${GH}&b=${STRIPE}";\n`;
    const findings = scan(src, 'a.js').filter((f) => f.ruleId === 'hardcoded-key');
    assert.equal(findings.length, 2);
    const plan = planFixAll(src, 'javascript', 'a.js', findings);
    assert.equal(plan.skipped.length, 1);
    assert.match(plan.skipped[0].reason, /again/);
    const once = applyEdits(src, plan.edits);
    assert.deepEqual(tsSyntaxErrors(once, 'a.js'), []);
    // Running it again on the result finishes the job.
    const again = planFixAll(once, 'javascript', 'a.js', scan(once, 'a.js'), plan.entries.map((e) => e.name));
    const twice = applyEdits(once, again.edits);
    assert.equal(keysLeft(twice, 'a.js'), 0, twice);
    assert.deepEqual(tsSyntaxErrors(twice, 'a.js'), []);
  });

  it('Go: shared import and const->var edits are merged; the result compiles', function () {
    if (!has('go')) this.skip();
    const src = `package main\n\nimport "fmt"\n\nconst (\n\tpioneerKey = "${PIO}"\n\tgithubToken = "${GH}"\n)\n\nfunc main() { fmt.Println(pioneerKey, githubToken) }\n`;
    const plan = planFixAll(src, 'go', 'main.go', scan(src, 'main.go'));
    const out = applyEdits(src, plan.edits);
    assert.deepEqual(plan.skipped, []);
    assert.equal(goError(out), undefined);
    assert.equal(keysLeft(out, 'main.go'), 0, out);
  });

  it('unsupported files report every finding as skipped with the reason', () => {
    const src = `{ "pioneer": "${PIO}" }`;
    const plan = planFixAll(src, 'json', 'config.json', scan(src, 'config.json'));
    assert.equal(plan.edits.length, 0);
    assert.ok(plan.skipped.length >= 1);
    assert.match(plan.skipped[0].reason, /JSON/);
  });
});
