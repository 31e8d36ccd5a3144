// Settings are written twice, in package.json (what VS Code shows and validates) and in the
// server's defaults (what every other editor gets): this holds them to each other. Every setting
// the server reads has package.json's default, type, enum and bounds; every package.json setting
// is read by the server or is client-only, listed below with the code that reads it.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../../server/src/engine/types';
import { defaultSettings, normalizeSettings, type KeywardSettings } from '../../../server/src/lsp/settings';
import { BUILTIN_PROVIDERS } from '../../../shared/providers/builtin';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
type Prop = { type: string; default: unknown; enum?: unknown[]; minimum?: number; maximum?: number };
const PROPS = manifest.contributes.configuration.properties as Record<string, Prop>;
const source = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

/** The server's settings as `keyward.*` keys with their defaults (severities are one key per rule). */
function serverSettings(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(defaultSettings()) as [keyof KeywardSettings, unknown][]) {
    // Derived from settings, not a setting: the user patterns the server refused (issue 14 item 5).
    if (k === 'rejectedPatterns') continue;
    if (k === 'severities') for (const id of RULE_IDS) out.set(`keyward.rules.${id}.severity`, (v as Record<string, unknown>)[id]);
    else out.set(`keyward.${k}`, v);
  }
  return out;
}

/** A raw settings object (VS Code's nested shape) setting one `keyward.*` key. */
function raw(key: string, value: unknown): Record<string, unknown> {
  const parts = key.split('.').slice(1);
  if (parts[0] === 'rules') return { rules: { [parts[1]]: { severity: value } } };
  return { [parts[0]]: value };
}

/** The server's normalised value for one `keyward.*` key. */
function read(s: KeywardSettings, key: string): unknown {
  const parts = key.split('.').slice(1);
  return parts[0] === 'rules' ? s.severities[parts[1] as (typeof RULE_IDS)[number]] : s[parts[0] as keyof KeywardSettings];
}

const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v);

// Read by the client only, each with the proof that it is read.
const CLIENT_ONLY: { key: RegExp; why: string; readBy: () => boolean }[] = [
  {
    key: /^keyward\.providers\.([a-z0-9-]+)\.baseUrl$/,
    why: 'the key management API client (client/src/extension.ts resolveBaseUrl)',
    readBy: () => source('client/src/extension.ts').includes('inspect<string>(`providers.${p.id}.baseUrl`)'),
  },
  {
    key: /^keyward\.trace\.server$/,
    why: "vscode-languageclient reads `<client id>.trace.server`; the client's id is keyward",
    readBy: () => /new LanguageClient\('keyward',/.test(source('client/src/lsp.ts')),
  },
];

describe('settings: package.json and the server agree', () => {
  const server = serverSettings();

  it('the server reads settings, and package.json declares them', () => {
    assert.ok(server.size >= 10);
    assert.ok(Object.keys(PROPS).length >= server.size);
  });

  for (const [key, def] of server) {
    it(`${key}: same default, type, enum and bounds`, () => {
      const p = PROPS[key];
      assert.ok(p, `${key} is read by the server but not declared in package.json`);
      assert.deepEqual(p.default, def, 'default');
      assert.equal(p.type, typeOf(def), 'type');
      // The server keeps each enum value and drops anything else, as VS Code's validation would.
      if (p.enum) {
        for (const v of p.enum) assert.deepEqual(read(normalizeSettings(raw(key, v)), key), v, `enum value ${String(v)}`);
        assert.deepEqual(read(normalizeSettings(raw(key, 'not-a-level')), key), def, 'a value outside the enum');
      } else if (typeof def === 'string') assert.fail(`${key}: a string setting without an enum has nothing to hold the server to`);
      if (p.minimum !== undefined) assert.equal(read(normalizeSettings(raw(key, p.minimum - 1e9)), key), p.minimum, 'minimum');
      if (p.maximum !== undefined) assert.equal(read(normalizeSettings(raw(key, p.maximum + 1e9)), key), p.maximum, 'maximum');
      // A value of the wrong type falls back to the default (one typo never disables the server).
      assert.deepEqual(read(normalizeSettings(raw(key, typeof def === 'boolean' ? 'yes' : true)), key), def, 'wrong type');
    });
  }

  it('every package.json setting is read by the server or listed as client-only, with its reader', () => {
    for (const key of Object.keys(PROPS)) {
      if (server.has(key)) continue;
      const c = CLIENT_ONLY.find((x) => x.key.test(key));
      assert.ok(c, `${key} is declared in package.json but neither the server nor the client list reads it`);
      assert.ok(c.readBy(), `${key}: ${c.why} no longer reads it`);
    }
    for (const c of CLIENT_ONLY) assert.ok(Object.keys(PROPS).some((k) => c.key.test(k)), `client-only ${c.key} matches no setting`);
  });

  it('each provider base URL setting defaults to the provider entry', () => {
    const declared = Object.keys(PROPS).flatMap((k) => /^keyward\.providers\.([a-z0-9-]+)\.baseUrl$/.exec(k)?.[1] ?? []);
    assert.deepEqual(declared.sort(), BUILTIN_PROVIDERS.map((p) => p.id).sort());
    for (const p of BUILTIN_PROVIDERS) assert.equal(PROPS[`keyward.providers.${p.id}.baseUrl`].default, p.baseUrl ?? '', p.id);
  });

  it('every setting restricted in untrusted workspaces exists', () => {
    for (const key of manifest.capabilities.untrustedWorkspaces.restrictedConfigurations as string[]) assert.ok(PROPS[key], key);
  });
});
