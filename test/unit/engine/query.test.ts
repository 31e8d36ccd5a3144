// query-string-auth: credentials passed as URL query parameters, literal or variable.
import { strict as assert } from 'node:assert';
import { scan } from '../../../server/src/engine';
import { K } from './helpers';

type Q = { param: string; literal: boolean; range: string; alsoKey?: boolean };

function queryOf(text: string, file: string): Q[] {
  const all = scan(text, file);
  const keys = new Set(all.filter((f) => f.ruleId === 'hardcoded-key').map((f) => f.offset));
  return all
    .filter((f) => f.ruleId === 'query-string-auth')
    .map((f) => {
      const q: Q = { param: f.param!, literal: f.valueIsLiteral!, range: text.slice(f.offset, f.offset + f.length) };
      const valueAt = f.offset + f.param!.length + 1;
      if (keys.has(valueAt) || [...keys].some((o) => o > f.offset && o < f.offset + f.length)) q.alsoKey = true;
      return q;
    });
}

const POSITIVE: [string, string, Q[]][] = [
  ['a.ts', 'fetch(`https://api.pioneer.ai/inference?api_key=${key}`)', [{ param: 'api_key', literal: false, range: 'api_key=${key}' }]],
  ['a.js', 'const url = "https://api.example.com/v1/items?limit=10&token=" + t;', [{ param: 'token', literal: false, range: 'token=' }]],
  ['a.py', `requests.get("https://api.getpg.ai/v1/territories?api_key=${K}")`, [{ param: 'api_key', literal: true, range: `api_key=${K}`, alsoKey: true }]],
  ['a.py', 'requests.get(url, params={"api_key": api_key})', [{ param: 'api_key', literal: false, range: '"api_key": api_key' }]],
  ['a.py', `requests.get(url, params={"apikey": "${K}", "q": q})`, [{ param: 'apikey', literal: true, range: `"apikey": "${K}"`, alsoKey: true }]],
  ['a.py', 'params = {\n    "access_token": token,\n    "fields": "id,name",\n}\nrequests.get(url, params=params)', [{ param: 'access_token', literal: false, range: '"access_token": token' }]],
  ['a.ts', 'axios.get(url, { params: { api_key: apiKey } })', [{ param: 'api_key', literal: false, range: 'api_key: apiKey' }]],
  ['a.ts', 'axios.get(url, { params: { api_key } })', [{ param: 'api_key', literal: false, range: 'api_key' }]],
  ['a.ts', 'const qs = new URLSearchParams({ api_key: key, page: "2" });', [{ param: 'api_key', literal: false, range: 'api_key: key' }]],
  ['a.ts', 'url.searchParams.set("api_key", key);', [{ param: 'api_key', literal: false, range: '"api_key", key' }]],
  ['a.ts', 'u.searchParams.append("access_token", token)', [{ param: 'access_token', literal: false, range: '"access_token", token' }]],
  ['a.go', 'q := req.URL.Query()\nq.Set("api_key", apiKey)', [{ param: 'api_key', literal: false, range: '"api_key", apiKey' }]],
  ['A.java', 'HttpUrl url = base.newBuilder().addQueryParameter("api_key", apiKey).build();', [{ param: 'api_key', literal: false, range: '"api_key", apiKey' }]],
  ['a.php', "$q = http_build_query(['api_key' => $key, 'q' => $q]);", [{ param: 'api_key', literal: false, range: "'api_key' => $key" }]],
  ['a.rb', 'HTTParty.get(url, query: { api_key: key })', [{ param: 'api_key', literal: false, range: 'api_key: key' }]],
  ['a.ts', '<script src="https://maps.googleapis.com/maps/api/js?key=${MAPS_KEY}&callback=init">', [{ param: 'key', literal: false, range: 'key=${MAPS_KEY}' }]],
  ['a.py', 'url = f"https://api.openweathermap.org/data/2.5/weather?q={city}&appid={API_KEY}"', [{ param: 'appid', literal: false, range: 'appid={API_KEY}' }]],
  ['a.sh', `curl "https://api.pioneer.ai/list-api-keys?api_key=${K}"`, [{ param: 'api_key', literal: true, range: `api_key=${K}`, alsoKey: true }]],
  ['a.ts', 'const u = `${BASE}/v2/search?client_secret=${secret}&q=x`;', [{ param: 'client_secret', literal: false, range: 'client_secret=${secret}' }]],
  ['a.html', `<a href="https://api.example.com/export?access_token=${K}">`, [{ param: 'access_token', literal: true, range: `access_token=${K}`, alsoKey: true }]],
];

const NEGATIVE: [string, string][] = [
  ['a.ts', 'const next = `https://api.example.com/items?page_token=${pageToken}`;'],
  ['a.ts', 'fetch(`/api/items?nextToken=${t}&limit=5`)'],
  ['a.ts', 'const cb = "https://app.example.com/oauth/callback?code=" + code + "&state=" + state;'],
  ['a.ts', 'const link = `https://app.example.com/reset-password?token=${resetToken}`;'],
  ['a.ts', 'const invite = `${origin}/invite?token=${inviteToken}`;'],
  ['a.ts', 'const search = "https://www.example.com/search?key=value&sort=asc";'],
  ['a.ts', 'const u = "https://example.com/?key=" + k;'],
  ['a.ts', 'form.append("csrf_token", csrf);'],
  ['a.ts', 'const body = "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret;'],
  ['a.ts', 'const q = new URLSearchParams({ grant_type: "client_credentials", client_id: id, client_secret: secret });\nawait fetch(tokenUrl, { method: "POST", body: q });'],
  ['a.ts', 'const params = { token_type: "bearer", expires_in: 3600 };'],
  ['a.ts', 'req.Header.Set("X-API-Key", apiKey)'],
  ['README.md', '[![codecov](https://codecov.io/gh/acme/app/branch/main/graph/badge.svg?token=AbC123XyZ9)](https://codecov.io/gh/acme/app)'],
  ['README.md', 'Call `https://api.getpg.ai/v1/territories?api_key=YOUR_API_KEY` to list territories.'],
  ['README.md', 'GET https://api.example.com/v1/items?api_key={your_key}'],
  ['a.ts', "const headers = { 'X-API-Key': key };"],
  ['a.py', 'payload = {"api_key": key}\nrequests.post(url, json=payload)'],
  ['a.sh', 'if [ -n "$FOO" ] && token=$(cat token.txt); then echo ok; fi'],
];

describe('engine: query-string-auth', () => {
  for (const [file, text, expected] of POSITIVE) {
    it(`flags ${file}: ${text.replace(/\n/g, '⏎').slice(0, 90)}`, () => {
      assert.deepEqual(queryOf(text, file), expected);
    });
  }
  for (const [file, text] of NEGATIVE) {
    it(`ignores ${file}: ${text.replace(/\n/g, '⏎').slice(0, 90)}`, () => {
      assert.deepEqual(queryOf(text, file), []);
    });
  }
  it('range, param and valueIsLiteral are set; the message never holds the value', () => {
    const text = `fetch("https://api.pioneer.ai/inference?api_key=${K}")`;
    const f = scan(text, 'a.ts').find((x) => x.ruleId === 'query-string-auth')!;
    assert.equal(f.param, 'api_key');
    assert.equal(f.valueIsLiteral, true);
    assert.deepEqual(f.range, { start: { line: 0, character: 40 }, end: { line: 0, character: 40 + 8 + K.length } });
    assert.equal(f.provider, 'pioneer');
    assert.match(f.message, /X-API-Key/);
    assert.ok(!f.message.includes(K));
  });
  it('severity off drops the rule but keeps hardcoded-key', () => {
    const text = `fetch("https://api.pioneer.ai/inference?api_key=${K}")`;
    const fs = scan(text, 'a.ts', { severities: { 'query-string-auth': 'off' } });
    assert.deepEqual(fs.map((f) => f.ruleId), ['hardcoded-key']);
  });
});

describe('query-string-auth: prose and comments that describe the practice', () => {
  const none: [string, string][] = [
    ['a.ts', "  | 'url-param' // ?api_key=value in a URL"],
    ['a.ts', ' * Credential parameter names (?api_key=, access_token=, token=) on an API URL'],
    ['a.py', '# e.g. https://api.example.com/v1/items?api_key=YOUR_KEY'],
    ['a.go', '// GET /v1/items?access_token=<token> is refused by the server'],
  ];
  for (const [file, text] of none) it(`not in ${JSON.stringify(text)}`, () => assert.deepEqual(queryOf(text, file), []));

  const still: [string, string][] = [
    ['a.ts', 'const u = "https://api.example.com/v1/items?api_key=" + key;'],
    ['a.py', 'r = requests.get("https://api.example.com/v1?api_key=" + KEY)  # legacy endpoint'],
    ['a.sh', 'curl "https://api.example.com/v1?api_key=$API_KEY"'],
  ];
  for (const [file, text] of still) it(`still in ${JSON.stringify(text)}`, () => assert.equal(queryOf(text, file).length, 1));
});

describe('query-string-auth: parameter objects quoted in comments', () => {
  for (const text of ['  | \'params-object\' // params={"api_key": v}, new URLSearchParams({ api_key })', '  /** `params={"api_key": k}`, `{ api_key }`: an object that becomes a query string. */']) {
    it(`not in ${JSON.stringify(text)}`, () => assert.deepEqual(queryOf(text, 'a.ts'), []));
  }
  it('still in code', () => assert.equal(queryOf('requests.get(url, params={"api_key": key})', 'a.py').length, 1));
});
