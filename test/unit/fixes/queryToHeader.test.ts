import { strict as assert } from 'node:assert';
import { scan } from '../../../server/src/engine/scan';
import type { Finding } from '../../../server/src/engine/types';
import { applyEdits, isUnsupported, planQueryToHeader, type QueryHeaderPlan } from '../../../server/src/fixes';
import { pythonError, tsSyntaxErrors } from './helpers';

const PIO = 'pio_sk_Xb7Qm2Lp9Rt4Vw6Yz8Ac1De_3f6a9c2e';

/** The engine's own query-string-auth finding for the parameter. */
function queryFinding(text: string, path: string, param = 'api_key'): Finding {
  const f = scan(text, path).find((x) => x.ruleId === 'query-string-auth' && x.param === param);
  assert.ok(f, `engine found no query-string-auth for ${param} in ${path}`);
  return f;
}

function fix(text: string, path: string, languageId: string, extra: { name?: string; param?: string } = {}): { out: string; plan: QueryHeaderPlan } {
  const p = planQueryToHeader({ text, languageId, filePath: path, finding: queryFinding(text, path, extra.param), name: extra.name });
  if (isUnsupported(p)) throw new Error(p.unsupported);
  return { out: applyEdits(text, p.edits), plan: p };
}

describe('planQueryToHeader: JavaScript / TypeScript', () => {
  it('fetch without options: literal key leaves the URL, goes to X-API-Key from the env', () => {
    const src = `const r = await fetch("https://api.pioneer.ai/list-api-keys?api_key=${PIO}&limit=5");\n`;
    const { out, plan } = fix(src, 'a.mjs', 'javascript');
    assert.equal(out, `const r = await fetch("https://api.pioneer.ai/list-api-keys?limit=5", { headers: { "X-API-Key": process.env.PIONEER_API_KEY } });\n`);
    assert.equal(plan.value, PIO);
    assert.equal(plan.name, 'PIONEER_API_KEY');
    assert.deepEqual(tsSyntaxErrors(out, 'a.js'), []);
    assert.equal(scan(out, 'a.mjs').filter((f) => f.ruleId === 'query-string-auth').length, 0);
  });

  it('template URL with an existing options object (TS)', () => {
    const src = "const key = process.env.PIONEER_API_KEY!;\nconst r = await fetch(`https://api.pioneer.ai/list-api-keys?api_key=${key}`, { method: 'GET' });\n";
    const { out, plan } = fix(src, 'a.ts', 'typescript');
    assert.ok(out.includes("fetch(`https://api.pioneer.ai/list-api-keys`, { headers: { 'X-API-Key': key }, method: 'GET' })"), out);
    assert.equal(plan.value, undefined);
    assert.deepEqual(tsSyntaxErrors(out, 'a.ts'), []);
  });

  it('merges into an existing headers object (multi-line) and uses Bearer for Pinecall', () => {
    const src = `await fetch("https://api.pinecall.io/v1/agents?page=2&api_key=" + token, {\n  method: "POST",\n  headers: {\n    "Content-Type": "application/json",\n  },\n});\n`;
    const { out } = fix(src, 'a.js', 'javascript');
    assert.ok(out.includes('fetch("https://api.pinecall.io/v1/agents?page=2", {'), out);
    assert.ok(out.includes('headers: {\n    Authorization: `Bearer ${token}`,\n    "Content-Type": "application/json",'), out);
    assert.deepEqual(tsSyntaxErrors(out, 'a.js'), []);
  });

  it('axios params object: removes the entry, adds headers to the same config', () => {
    const src = `const r = await axios.get("https://api.pinecall.io/v1/agents", { params: { api_key: key, page: 2 } });\n`;
    const { out } = fix(src, 'a.js', 'javascript');
    assert.equal(out, 'const r = await axios.get("https://api.pinecall.io/v1/agents", { headers: { Authorization: `Bearer ${key}` }, params: { page: 2 } });\n');
    assert.deepEqual(tsSyntaxErrors(out, 'a.js'), []);
  });

  it('axios params with only the key: params makes way for headers', () => {
    const src = `axios.get("https://api.pioneer.ai/list-api-keys", { params: { api_key: key }, timeout: 5 });\n`;
    const { out } = fix(src, 'a.js', 'javascript');
    assert.equal(out, `axios.get("https://api.pioneer.ai/list-api-keys", { headers: { 'X-API-Key': key }, timeout: 5 });\n`);
  });

  it('axios.post: the config is the third argument', () => {
    const src = "axios.post(`https://api.pioneer.ai/create-api-key?api_key=${k}`, { name: 'ci' });\n";
    const { out } = fix(src, 'a.js', 'javascript');
    assert.equal(out, "axios.post(`https://api.pioneer.ai/create-api-key`, { name: 'ci' }, { headers: { 'X-API-Key': k } });\n");
  });

  it('explains instead of guessing: unknown API, URL built elsewhere, opaque options', () => {
    const unknown = 'fetch(`https://api.example.com/v1/data?api_key=${k}`);\n';
    const f1 = planQueryToHeader({ text: unknown, languageId: 'javascript', filePath: 'a.js', finding: queryFinding(unknown, 'a.js') });
    assert.ok(isUnsupported(f1) && /header/.test(f1.unsupported) && f1.link?.startsWith('https://'));
    const apart = 'const url = `https://api.pioneer.ai/list-api-keys?api_key=${k}`;\nfetch(url);\n';
    assert.ok(isUnsupported(planQueryToHeader({ text: apart, languageId: 'javascript', filePath: 'a.js', finding: queryFinding(apart, 'a.js') })));
    const opaque = 'fetch(`https://api.pioneer.ai/list-api-keys?api_key=${k}`, opts);\n';
    assert.ok(isUnsupported(planQueryToHeader({ text: opaque, languageId: 'javascript', filePath: 'a.js', finding: queryFinding(opaque, 'a.js') })));
  });
});

describe('planQueryToHeader: Python', () => {
  it('requests with params dict: entry removed, headers kwarg takes its place', () => {
    const src = `import requests\nr = requests.get("https://api.pipelinegeneration.ai/v1/territories", params={"api_key": key})\n`;
    const { out } = fix(src, 'a.py', 'python');
    assert.equal(out, `import requests\nr = requests.get("https://api.pipelinegeneration.ai/v1/territories", headers={"x-api-key": key})\n`);
    assert.equal(pythonError(out), undefined);
  });

  it('params with more entries and an existing headers dict', () => {
    const src = `r = httpx.get(\n    "https://api.pioneer.ai/list-api-keys",\n    params={"limit": 5, "api_key": key},\n    headers={"Accept": "application/json"},\n)\n`;
    const { out } = fix(src, 'a.py', 'python');
    assert.ok(out.includes('params={"limit": 5},'), out);
    assert.ok(out.includes('headers={"X-API-Key": key, "Accept": "application/json"},'), out);
    assert.equal(pythonError(out), undefined);
  });

  it('f-string URL; Bearer header becomes an f-string; literal key moves to os.environ', () => {
    const src = `import requests\nr = requests.get(f"https://api.pinecall.io/v1/agents?api_key={key}", timeout=5)\n`;
    const { out } = fix(src, 'a.py', 'python');
    assert.ok(out.includes('requests.get(f"https://api.pinecall.io/v1/agents", timeout=5, headers={"Authorization": f"Bearer {key}"})'), out);
    assert.equal(pythonError(out), undefined);
    const lit = `import requests\nr = requests.get("https://api.pioneer.ai/list-api-keys?api_key=${PIO}")\n`;
    const { out: out2, plan } = fix(lit, 'a.py', 'python');
    assert.ok(out2.startsWith('import os\nimport requests\n'), out2);
    assert.ok(out2.includes('requests.get("https://api.pioneer.ai/list-api-keys", headers={"X-API-Key": os.environ["PIONEER_API_KEY"]})'), out2);
    assert.equal(plan.value, PIO);
    assert.equal(pythonError(out2), undefined);
  });

  it('headers given as a variable are merged with **', () => {
    const src = `requests.post("https://api.pioneer.ai/create-api-key?api_key=" + key, headers=base, json={})\n`;
    const { out } = fix(src, 'a.py', 'python');
    assert.equal(out, `requests.post("https://api.pioneer.ai/create-api-key", headers={**base, "X-API-Key": key}, json={})\n`);
  });
});

describe('planQueryToHeader: more call shapes', () => {
  it('undici request and got get an options object', () => {
    const src = "const { body } = await request(`https://api.pioneer.ai/list-api-keys?api_key=${k}&limit=2`);\n";
    const { out } = fix(src, 'a.mjs', 'javascript');
    assert.equal(out, "const { body } = await request(`https://api.pioneer.ai/list-api-keys?limit=2`, { headers: { 'X-API-Key': k } });\n");
    const g = "await got.get(`https://api.pinecall.io/v1/agents?api_key=${k}`, { timeout: { request: 5000 } });\n";
    assert.equal(fix(g, 'a.mjs', 'javascript').out, 'await got.get(`https://api.pinecall.io/v1/agents`, { headers: { Authorization: `Bearer ${k}` }, timeout: { request: 5000 } });\n');
  });

  it('Python url= keyword argument', () => {
    const src = `r = session.get(url=f"https://api.pioneer.ai/list-api-keys?api_key={key}")\n`;
    const { out } = fix(src, 'a.py', 'python');
    assert.equal(out, `r = session.get(url=f"https://api.pioneer.ai/list-api-keys", headers={"X-API-Key": key})\n`);
    assert.equal(pythonError(out), undefined);
  });

  it('custom providers from settings decide the header', () => {
    const src = "fetch(`https://api.acme.dev/v1/things?api_key=${k}`);\n";
    const finding = { ...queryFinding(src, 'a.js'), provider: 'acme' };
    const p = planQueryToHeader({ text: src, languageId: 'javascript', filePath: 'a.js', finding, providers: [{ id: 'acme', name: 'Acme', auth: { style: 'header', header: 'X-Acme-Key' }, envVars: ['ACME_API_KEY'], hosts: ['api.acme.dev'], errorStyle: 'auto' }] });
    assert.ok(!isUnsupported(p));
    assert.equal(applyEdits(src, p.edits), "fetch(`https://api.acme.dev/v1/things`, { headers: { 'X-Acme-Key': k } });\n");
  });
});
