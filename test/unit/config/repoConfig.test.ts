// The repository config loader on real files: parsing, validation messages (file, line, field),
// the trust boundary (fields a repository may never set), safe reads (links, devices, FIFOs,
// size), where the file is found, and that the published JSON schema says the same as the loader.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { applyRepoConfig, rebaseGlobs } from '../../../server/src/config/apply';
import { FORBIDDEN_FIELDS, KEY_FORMAT_FIELDS, REPOSITORY_FIELDS } from '../../../server/src/config/fields';
import { MAX_CONFIG_BYTES } from '../../../server/src/config/readConfigFile';
import { discoverRepoConfig, findRepoConfig, formatProblem, loadRepoConfig } from '../../../server/src/config/repoConfig';
import { parseRepoConfig } from '../../../server/src/config/validate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCHEMA = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'keyward.schema.json'), 'utf8'));

const dirs: string[] = [];
function tempDir(): string {
  const d = realpathSync(mkdtempSync(path.join(tmpdir(), 'keyward-config-')));
  dirs.push(d);
  return d;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const parse = (text: string, file = '.keyward.json') => parseRepoConfig(text, file, { comments: file.endsWith('.jsonc') });
const messages = (r: { errors: { message: string; field?: string }[] }) => r.errors.map((e) => `${e.field ?? ''}: ${e.message}`).join('\n');

const VALID = {
  $schema: './schemas/keyward.schema.json',
  rules: { 'hardcoded-key': 'error', 'env-not-ignored': { severity: 'off' } },
  exclude: ['**/fixtures/**', 'vendor'],
  extraKeyNames: ['^acme_(id|secret)$'],
  customKeyFormats: [{ id: 'acme', name: 'Acme', pattern: 'acme_live_[A-Za-z0-9]{24}', envVar: 'ACME_KEY', hosts: ['api.acme.test'], headers: ['X-Acme-Key'] }],
  testPaths: { demote: true, patterns: ['**/test/**'] },
};

describe('repository config: parse and validate', () => {
  it('reads every field a repository may set', () => {
    const r = parse(JSON.stringify(VALID, null, 2));
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.config, {
      rules: { 'hardcoded-key': 'error', 'env-not-ignored': 'off' },
      exclude: ['**/fixtures/**', 'vendor'],
      extraKeyNames: ['^acme_(id|secret)$'],
      customKeyFormats: [{ id: 'acme', name: 'Acme', pattern: 'acme_live_[A-Za-z0-9]{24}', envVar: 'ACME_KEY', hosts: ['api.acme.test'], headers: ['X-Acme-Key'] }],
      testPaths: { demote: true, patterns: ['**/test/**'] },
    });
  });

  it('bad JSON is an error naming the file, line and column, never a throw, and never quotes the text', () => {
    const r = parse('{\n  "rules": {\n    "hardcoded-key": "error",,\n    "x": "tok_SECRETLOOKING123"\n  }\n}');
    assert.equal(r.config, undefined);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].line, 3);
    const text = formatProblem(r.errors[0]);
    assert.match(text, /^\.keyward\.json:3:\d+: not valid JSON: /);
    assert.doesNotMatch(text, /SECRETLOOKING/);
  });

  it('comments are an error in .keyward.json (with the hint) and fine in .keyward.jsonc', () => {
    const text = '{\n  // the team\'s rules\n  "rules": { "hardcoded-key": "error", },\n}';
    const strict = parse(text, '.keyward.json');
    assert.match(messages(strict), /comments are allowed in \.keyward\.jsonc/);
    const loose = parse(text, '.keyward.jsonc');
    assert.deepEqual(loose.errors, []);
    assert.deepEqual(loose.config?.rules, { 'hardcoded-key': 'error' });
  });

  it('a non-object top level is an error', () => {
    for (const text of ['[]', '"x"', '42', 'null']) assert.match(messages(parse(text)), /must be a JSON object/, text);
  });

  it('wrong types name the field and its line', () => {
    const text = [
      '{',
      '  "rules": { "hardcoded-key": "loud", "no-such-rule": "error" },',
      '  "exclude": "vendor",',
      '  "extraKeyNames": [1, ""],',
      '  "customKeyFormats": [{ "id": "Acme!", "name": "", "pattern": "x" }, { "id": "ok" }],',
      '  "testPaths": { "demote": "yes" }',
      '}',
    ].join('\n');
    const r = parse(text);
    assert.equal(r.config, undefined);
    const byField = new Map(r.errors.map((e) => [e.field, e]));
    assert.match(byField.get('rules.hardcoded-key')!.message, /must be one of error, warning, information, hint, off/);
    assert.equal(byField.get('rules.hardcoded-key')!.line, 2);
    assert.match(byField.get('rules.no-such-rule')!.message, /unknown rule/);
    assert.match(byField.get('exclude')!.message, /array of strings/);
    assert.equal(byField.get('exclude')!.line, 3);
    assert.match(byField.get('extraKeyNames[0]')!.message, /non-empty string/);
    assert.match(byField.get('extraKeyNames[1]')!.message, /non-empty string/);
    assert.match(byField.get('customKeyFormats[0].id')!.message, /lower-case/);
    assert.match(byField.get('customKeyFormats[0].name')!.message, /non-empty/);
    assert.match(byField.get('customKeyFormats[1]')!.message, /needs "name"/);
    assert.match(byField.get('testPaths.demote')!.message, /true or false/);
    assert.equal(byField.get('testPaths.demote')!.line, 6);
  });

  it('refuses every field that decides where keys are sent, at the top level and in a key format', () => {
    const cases: [unknown, string][] = [
      [{ baseUrl: 'https://collector.example' }, 'baseUrl'],
      [{ proxy: 'http://127.0.0.1:8080' }, 'proxy'],
      [{ tls: { rejectUnauthorized: false } }, 'tls'],
      [{ strictSSL: false }, 'strictSSL'],
      [{ providers: { pioneer: { baseUrl: 'https://x.example' } } }, 'providers'],
      [{ customProviders: [{ id: 'acme', name: 'A', baseUrl: 'https://x.example' }] }, 'customProviders'],
      [{ customKeyFormats: [{ id: 'acme', name: 'A', pattern: 'acme_[a-z]{9}', baseUrl: 'https://x.example' }] }, 'customKeyFormats[0].baseUrl'],
      [{ customKeyFormats: [{ id: 'acme', name: 'A', pattern: 'acme_[a-z]{9}', base_url: 'https://x.example' }] }, 'customKeyFormats[0].base_url'],
      [{ customKeyFormats: [{ id: 'acme', name: 'A', pattern: 'acme_[a-z]{9}', verify: { path: '/me' } }] }, 'customKeyFormats[0].verify'],
      [{ customKeyFormats: [{ id: 'acme', name: 'A', pattern: 'acme_[a-z]{9}', authStyle: 'bearer' }] }, 'customKeyFormats[0].authStyle'],
    ];
    for (const [config, field] of cases) {
      const r = parse(JSON.stringify(config));
      assert.equal(r.config, undefined, field);
      const e = r.errors.find((x) => x.field === field);
      assert.ok(e, `${field}: ${messages(r)}`);
      assert.match(e.message, /a repository may not set .* where keys are sent/, field);
    }
  });

  it('a key format may not take a built-in provider id (it would replace the built-in format)', () => {
    const r = parse(JSON.stringify({ customKeyFormats: [{ id: 'github', name: 'Mine', pattern: 'zz_[a-z]{30}' }] }));
    assert.match(messages(r), /customKeyFormats\[0\]\.id: "github" is a built-in provider/);
  });

  it('patterns must compile and must not match the empty string', () => {
    const r = parse(JSON.stringify({ extraKeyNames: ['(unclosed', '.*'], customKeyFormats: [{ id: 'a', name: 'A', pattern: '[z-a]' }] }));
    assert.match(messages(r), /extraKeyNames\[0\]: is not a valid regular expression/);
    assert.match(messages(r), /extraKeyNames\[1\]: matches the empty string/);
    assert.match(messages(r), /customKeyFormats\[0\]\.pattern: is not a valid regular expression/);
    // The engine runs a key format inside a `secret` group: a clash is refused here, not per file.
    const clash = parse(JSON.stringify({ customKeyFormats: [{ id: 'a', name: 'A', pattern: '(?<secret>acme_[a-z]{20})' }] }));
    assert.match(messages(clash), /customKeyFormats\[0\]\.pattern: cannot be used as a key format: .*Duplicate capture group name/);
  });

  it('unknown fields are warnings with their line; the rest still applies', () => {
    const r = parse('{\n  "rules": { "hardcoded-key": "error" },\n  "maxFileSizeKB": 1,\n  "colour": "blue"\n}');
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.config?.rules, { 'hardcoded-key': 'error' });
    assert.equal(r.warnings.length, 2);
    assert.match(formatProblem(r.warnings[0]), /^\.keyward\.json:3:3: maxFileSizeKB: ignored: "maxFileSizeKB" is an editor setting/);
    assert.match(formatProblem(r.warnings[1]), /^\.keyward\.json:4:3: colour: ignored: unknown field/);
  });
});

describe('repository config: reading the file', () => {
  it('loads a regular file', async () => {
    const d = tempDir();
    writeFileSync(path.join(d, '.keyward.json'), JSON.stringify(VALID));
    const r = await loadRepoConfig(path.join(d, '.keyward.json'));
    assert.equal(r.kind, 'loaded');
  });

  it('refuses a symlink to /dev/zero (and returns, instead of reading forever)', async () => {
    const d = tempDir();
    symlinkSync('/dev/zero', path.join(d, '.keyward.json'));
    const r = await loadRepoConfig(path.join(d, '.keyward.json'));
    assert.equal(r.kind, 'invalid');
    assert.match(r.kind === 'invalid' ? r.errors[0].message : '', /symbolic link/);
  });

  it('refuses a symlink to a regular file outside the repository', async () => {
    const d = tempDir();
    const outside = tempDir();
    writeFileSync(path.join(outside, 'real.json'), JSON.stringify(VALID));
    symlinkSync(path.join(outside, 'real.json'), path.join(d, '.keyward.json'));
    const r = await discoverRepoConfig(d);
    assert.equal(r.kind, 'invalid', 'a symlinked config is found and refused, not silently skipped');
    assert.match(r.kind === 'invalid' ? r.errors[0].message : '', /symbolic link/);
  });

  it('refuses a FIFO, a folder and a file over the size cap', async () => {
    const d = tempDir();
    execFileSync('mkfifo', [path.join(d, 'fifo.json')]);
    mkdirSync(path.join(d, 'dir.json'));
    writeFileSync(path.join(d, 'big.json'), `{"exclude": ["${'a'.repeat(MAX_CONFIG_BYTES)}"]}`);
    const expect: [string, RegExp][] = [
      ['fifo.json', /not a regular file/],
      ['dir.json', /not a regular file/],
      ['big.json', /larger than 256 KiB/],
      ['missing.json', /does not exist \(ENOENT\)/],
    ];
    for (const [name, re] of expect) {
      const r = await loadRepoConfig(path.join(d, name));
      assert.equal(r.kind, 'invalid', name);
      assert.match(r.kind === 'invalid' ? r.errors[0].message : '', re, name);
    }
  });
});

describe('repository config: where it is found', () => {
  function repo(): string {
    const d = tempDir();
    execFileSync('git', ['init', '-q', d], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    return d;
  }

  it('at the scan root, else at the git root; never above the git root', async () => {
    const outer = tempDir();
    writeFileSync(path.join(outer, '.keyward.json'), '{}');
    const root = path.join(outer, 'project');
    mkdirSync(root);
    execFileSync('git', ['init', '-q', root], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    mkdirSync(path.join(root, 'src', 'deep'), { recursive: true });
    assert.deepEqual(await findRepoConfig(path.join(root, 'src', 'deep')), {}, 'the config above the git root is not the repository\'s');
    writeFileSync(path.join(root, '.keyward.jsonc'), '{}');
    assert.equal((await findRepoConfig(path.join(root, 'src', 'deep'))).file, path.join(root, '.keyward.jsonc'));
    writeFileSync(path.join(root, 'src', '.keyward.json'), '{}');
    assert.equal((await findRepoConfig(path.join(root, 'src', 'deep'))).file, path.join(root, 'src', '.keyward.json'), 'the nearest one wins');
  });

  it('outside git, only the scanned folder itself', async () => {
    const outer = tempDir();
    writeFileSync(path.join(outer, '.keyward.json'), '{}');
    mkdirSync(path.join(outer, 'sub'));
    assert.deepEqual(await findRepoConfig(path.join(outer, 'sub')), {});
    assert.equal((await findRepoConfig(outer)).file, path.join(outer, '.keyward.json'));
  });

  it('both names in one folder is an error', async () => {
    const d = repo();
    writeFileSync(path.join(d, '.keyward.json'), '{}');
    writeFileSync(path.join(d, '.keyward.jsonc'), '{}');
    const r = await discoverRepoConfig(d);
    assert.equal(r.kind, 'invalid');
    assert.match(r.kind === 'invalid' ? r.errors[0].message : '', /both \.keyward\.json and \.keyward\.jsonc exist/);
  });
});

describe('repository config: applying it', () => {
  it('its rules win over the host options; lists are joined; a user provider id keeps the user entry', () => {
    const base = {
      severities: { 'hardcoded-key': 'hint', 'query-string-auth': 'error' } as const,
      exclude: ['dist'],
      extraKeyNames: ['^mine$'],
      customProviders: [{ id: 'acme', name: 'My Acme', baseUrl: 'https://acme.mine.example' }],
      other: 7,
    };
    const cfg = parse(JSON.stringify(VALID)).config!;
    const merged = applyRepoConfig({ ...base, severities: { ...base.severities } }, cfg, '/r', '/r');
    assert.deepEqual(merged.severities, { 'hardcoded-key': 'error', 'query-string-auth': 'error', 'env-not-ignored': 'off' });
    assert.deepEqual(merged.exclude, ['dist', '**/fixtures/**', 'vendor']);
    assert.deepEqual(merged.extraKeyNames, ['^mine$', '^acme_(id|secret)$']);
    assert.deepEqual(merged.customProviders, base.customProviders, 'the repository\'s "acme" does not replace the user\'s');
    assert.equal(merged.other, 7);
  });

  it('a key format becomes a provider setting without any base URL', () => {
    const cfg = parse(JSON.stringify({ customKeyFormats: [{ id: 'zed', name: 'Zed', pattern: 'zed_[a-z]{20}' }] })).config!;
    const merged = applyRepoConfig({ severities: {}, exclude: [], extraKeyNames: [], customProviders: [] }, cfg, '/r', '/r');
    assert.deepEqual(merged.customProviders, [{ id: 'zed', name: 'Zed', prefix: 'zed_[a-z]{20}', envVar: undefined, hosts: [], headers: [] }]);
  });

  it('excludes are rebased from the config folder onto the scanned folder', () => {
    const globs = ['vendor', '**/fixtures/**', 'src/gen/**', 'src/**', 'lib/x.js', '*/tmp/**', './src/a.js'];
    assert.deepEqual(rebaseGlobs(globs, '/r', '/r'), globs);
    assert.deepEqual(rebaseGlobs(globs, '/r', '/r/src'), ['vendor', '**/fixtures/**', 'gen/**', '**', 'tmp/**', 'a.js']);
    assert.deepEqual(rebaseGlobs(globs, '/r', '/elsewhere'), ['vendor', '**/fixtures/**'], 'only globs that mean the same anywhere');
    assert.deepEqual(rebaseGlobs(['src/x/**'], '/r/ci', '/r'), []);
  });
});

describe('repository config: the published schema agrees with the loader', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(SCHEMA);

  it('the schema and the loader know the same fields', () => {
    const forbidden = new Set([...FORBIDDEN_FIELDS.keys()]);
    const allowedTop = Object.keys(SCHEMA.properties).filter((k) => !forbidden.has(k.toLowerCase().replace(/[-_]/g, '')));
    assert.deepEqual(allowedTop.sort(), [...REPOSITORY_FIELDS].sort());
    const fmt = SCHEMA.properties.customKeyFormats.items.properties;
    const allowedFmt = Object.keys(fmt).filter((k) => !forbidden.has(k.toLowerCase().replace(/[-_]/g, '')));
    assert.deepEqual(allowedFmt.sort(), [...KEY_FORMAT_FIELDS].sort());
  });

  it('accepts what the loader accepts and rejects what it refuses', () => {
    assert.ok(validate(VALID), JSON.stringify(validate.errors));
    const bad = [
      { baseUrl: 'https://x.example' },
      { proxy: 'http://p' },
      { customProviders: [] },
      { customKeyFormats: [{ id: 'a', name: 'A', pattern: 'a_[a-z]{9}', baseUrl: 'https://x.example' }] },
      { rules: { 'hardcoded-key': 'loud' } },
      { exclude: 'vendor' },
      { customKeyFormats: [{ id: 'a', name: 'A' }] },
    ];
    for (const b of bad) {
      assert.equal(validate(b), false, JSON.stringify(b));
      assert.notEqual(parse(JSON.stringify(b)).errors.length, 0, JSON.stringify(b));
    }
  });

  it('package.json points VS Code at the schema for both file names', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const entry = pkg.contributes.jsonValidation.find((j: { url: string }) => j.url === './schemas/keyward.schema.json');
    assert.deepEqual(entry.fileMatch, ['.keyward.json', '.keyward.jsonc']);
    assert.match(readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/keyward\.schema\.json$/m, 'the schema ships in the .vsix');
  });
});
