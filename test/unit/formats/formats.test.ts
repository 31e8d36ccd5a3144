// Holds every well-known key format to its own examples and to the catalogue's contract:
// keywords as a sound prefilter, bounded regexes, linear work on hostile input (counted; timed in the bench).
import assert from 'node:assert/strict';
import { KEY_FORMATS, failsTokenChecksum, formatById, matchFormat } from '../../../server/src/engine/formats';
import { BUILTIN_PROVIDERS } from '../../../shared/providers/builtin';
import type { KeyFormat } from '../../../server/src/engine/types';
import { crc32, crc32Base62Valid } from '../../../server/src/engine/formats/shape';
import { scan } from '../../../server/src/engine/scan';
import { countWork, totalWork } from '../workCounter';
import { hostileInputs } from './hostile';

/** Finds `*`, `+` or `{n,}` outside character classes and escapes: unbounded repetition. */
function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '*' || c === '+') found.push(`${c} at ${i}`);
    else if (c === '{' && /^\{\d+,\}/.test(source.slice(i))) found.push(`{n,} at ${i}`);
  }
  return found;
}

/** Breaks keyword occurrences (case-insensitively) until none is left, so the prefilter would skip the line. */
function breakKeywords(line: string, keywords: string[]): string {
  let out = line;
  for (let guard = 0; guard < 10000; guard++) {
    const lower = out.toLowerCase();
    const at = keywords.map((k) => lower.indexOf(k)).find((i) => i >= 0);
    if (at === undefined) return out;
    out = `${out.slice(0, at + 1)}\u0000${out.slice(at + 1)}`;
  }
  throw new Error('could not break keywords');
}

// Ways real files delimit a key: quotes of every language, JSON/YAML/XML/INI, URLs, headers, escapes.
const DELIMITERS: Array<[string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['("', '")'],
  ['[', ']'],
  ['<', '>'],
  ['>', '</value>'],
  [' ', ' '],
  ['=', ';'],
  [': ', ','],
  ['?token=', '&page=2'],
  ['"', '\\n"'],
  ['{', '}'],
  ['\t', ''],
  ['', ''],
  ['Bearer ', '"'],
  ['u"', '"'],
  ['@"', '"'],
];

// One line each of the places keys get pasted, in many languages; @KEY@ stands for the key.
const LANGUAGE_TEMPLATES = [
  'const apiKey = "@KEY@" // Go',
  'let client = Client::new("@KEY@"); // Rust',
  'private static final String API_KEY = "@KEY@";',
  'var client = new Client(@"@KEY@"); // C#',
  "$client = new Client(['api_key' => '@KEY@']);",
  'API_KEY = %q(@KEY@)',
  '  api_key: @KEY@',
  '  - name: TOKEN\\n    value: "@KEY@"',
  '{"credentials": {"token": "@KEY@"}}',
  '<add key="ApiKey" value="@KEY@" />',
  'ENV API_KEY=@KEY@',
  'token = """@KEY@"""',
  'provider "x" { token = "@KEY@" }',
  'curl -H "Authorization: Bearer @KEY@" https://api.example.com/v1/me',
  'Use `@KEY@` to authenticate.',
  'headers = {"Authorization": f"Bearer @KEY@"}',
  'val apiKey = "@KEY@" // Kotlin',
  "INSERT INTO settings (name, value) VALUES ('api_key', '@KEY@');",
  'set API_KEY=@KEY@',
  '$env:API_KEY = "@KEY@"',
];

describe('key formats catalogue', () => {
  it('has at least 45 formats with unique ids', () => {
    assert.ok(KEY_FORMATS.length >= 45, `only ${KEY_FORMATS.length} formats`);
    const ids = KEY_FORMATS.map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    for (const f of KEY_FORMATS) assert.equal(formatById(f.id), f);
  });

  it('uses the built-in provider ids for the product formats', () => {
    const builtin = new Set(BUILTIN_PROVIDERS.map((p) => p.id));
    for (const id of ['pioneer-api-key', 'pi-api-key', 'pinecall-api-key']) {
      const f = formatById(id);
      assert.ok(f, id);
      assert.ok(builtin.has(f.provider), `${id}: provider ${f.provider} not in builtin.ts`);
      const entry = BUILTIN_PROVIDERS.find((p) => p.id === f.provider)!;
      assert.equal(f.envVar, entry.envVars[0], `${id}: env var differs from the provider entry`);
    }
    assert.equal(formatById('pinecall-api-key')!.requiresContext, true);
  });

  it('tells hand-typed GitHub/npm look-alikes from issued tokens by their checksum', () => {
    for (const f of KEY_FORMATS.filter((x) => /^(?:github-(?!fine)|npm-)/.test(x.id))) {
      for (const line of f.examples.positive) assert.equal(failsTokenChecksum(matchFormat(f, line)[0].secret), false, f.id);
    }
    assert.equal(failsTokenChecksum('ghp_PersonalAccessToken01245678900000000'), true);
    assert.equal(failsTokenChecksum('npm_' + 'Ab1'.repeat(12)), true);
    // Other shapes are not its business.
    assert.equal(failsTokenChecksum('ghp_short'), false);
    assert.equal(failsTokenChecksum('sk_live_' + 'Ab1'.repeat(12)), false);
  });

  it('attributes each example to one format only (no two formats claim the same key)', () => {
    const clashes: string[] = [];
    for (const f of KEY_FORMATS) {
      for (const line of f.examples.positive) {
        for (const o of KEY_FORMATS) if (o !== f && matchFormat(o, line).length) clashes.push(`${f.id} also matched by ${o.id}`);
      }
    }
    assert.deepEqual(clashes, []);
  });

  it('computes CRC32 and the GitHub/npm checksum correctly', () => {
    assert.equal(crc32('123456789'), 0xcbf43926); // the standard CRC-32 check value
    const good = `ghp_${'a1B2c3D4e5'.repeat(3)}`;
    const sum = KEY_FORMATS.find((f) => f.id === 'github-pat-classic')!.examples.positive[0].split('=')[1];
    assert.ok(crc32Base62Valid(sum, 4));
    assert.equal(crc32Base62Valid(`${good}000000`, 4), false);
    assert.equal(crc32Base62Valid(`${good}00000`, 4), false);
  });
});

for (const f of KEY_FORMATS) {
  describe(`format ${f.id}`, () => {
    it('is well-formed data', () => {
      assert.ok(f.provider && f.providerName && f.envVar && f.description, 'missing descriptive field');
      assert.match(f.envVar, /^[A-Za-z_][A-Za-z0-9_]*$/);
      // Findings read "Hardcoded <description up to the first parenthesis>": it must name the secret.
      const label = f.description.replace(/\s*\(.*$/, '');
      assert.match(label, /^[^:]{4,70}(?:key|token|secret|password|URL| id)$/, `label "${label}"`);

      assert.ok(f.keywords.length > 0, 'no keywords');
      for (const k of f.keywords) assert.equal(k, k.toLowerCase(), `keyword ${k} is not lower-case`);
      assert.ok(f.examples.positive.length >= 1, 'no positive example');
      assert.ok(f.examples.negative.length >= 1, 'no negative example');
      const re = new RegExp(f.pattern, f.flags);
      assert.ok(/\(\?<secret>/.test(f.pattern) || re.source.includes('('), 'no capture group');
      assert.deepEqual(unboundedQuantifiers(f.pattern), [], 'unbounded quantifier');
    });

    // One case for all its examples (not one per example): each positive found once, each negative not.
    it('finds the key in each positive example, only with a keyword, and nothing in the negatives', () => {
      for (const line of f.examples.positive) {
        const at = `positive ${line.slice(0, 70)}`;
        const found = matchFormat(f, line);
        assert.equal(found.length, 1, `${at}: expected exactly one match`);
        const { secret, offset } = found[0];
        assert.equal(line.slice(offset, offset + secret.length), secret, `${at}: offset does not point at the secret`);
        assert.ok(secret.length >= 16 && secret.length <= 2100, `${at}: implausible length ${secret.length}`);
        // Prefilter contract: a keyword occurs, and without it the format finds nothing.
        const lower = line.toLowerCase();
        assert.ok(f.keywords.some((k) => lower.includes(k)), `${at}: no keyword in a positive line`);
        assert.deepEqual(matchFormat(f, breakKeywords(line, f.keywords)), [], `${at}: matched although every keyword was broken`);
      }
      for (const line of f.examples.negative) {
        assert.deepEqual(
          matchFormat(f, line).map((m) => `${m.secret.slice(0, 8)}… (${m.secret.length})`),
          [],
          `negative ${line.slice(0, 70)}`,
        );
      }
    });

    it('finds its keys whatever delimits them, and never inside a longer token', () => {
      for (const line of f.examples.positive) {
        const re = new RegExp(f.pattern, `${f.flags ?? ''}d`);
        const m = re.exec(line)!;
        const secret = matchFormat(f, line)[0].secret;
        let before = line.slice(0, m.index);
        let after = line.slice(m.index + m[0].length);
        // Drop the quote that enclosed the key so the delimiters under test take its place.
        if (/["'`]$/.test(before) && after.startsWith(before[before.length - 1])) {
          before = before.slice(0, -1);
          after = after.slice(1);
        }
        for (const [open, close] of DELIMITERS) {
          const variant = `${before}${open}${m[0]}${close}${after}`;
          assert.deepEqual(matchFormat(f, variant).map((x) => x.secret), [secret], `delimited by ${JSON.stringify(open + '…' + close)}`);
        }
        // Glued to a longer token the same key must not come out (a different, longer value may).
        const secretStart = m.indices!.groups?.secret?.[0] ?? m.index;
        if (secretStart === m.index && f.pattern.startsWith('(?<!')) {
          for (const glue of ['x', '7', '_', '+', '.', '-']) {
            const found = matchFormat(f, `${before}${glue}${m[0]}${after}`).map((x) => x.secret);
            assert.ok(!found.includes(secret), `same key matched with ${JSON.stringify(glue)} glued before it`);
          }
        }
        if (line.indexOf(secret) + secret.length === m.index + m[0].length) {
          for (const glue of ['x', '7', '_', '-']) {
            const found = matchFormat(f, `${before}${m[0]}${glue}${after}`).map((x) => x.secret);
            assert.ok(!found.includes(secret), `same key matched with ${JSON.stringify(glue)} glued after it`);
          }
        }
      }
    });

    // Formats whose key stands alone (no context words, no surrounding URL or connection string).
    const standalone = f.requiresContext
      ? undefined
      : f.examples.positive.map((l) => matchFormat(f, l)[0].secret).find((k) => matchFormat(f, k).length === 1);
    if (standalone) {
      it('finds its keys in the syntax of many languages', () => {
        const secret = standalone;
        for (const template of LANGUAGE_TEMPLATES) {
          const line = template.replace('@KEY@', secret);
          assert.deepEqual(matchFormat(f, line).map((m) => m.secret), [secret], line);
        }
      });
    }

    // Linear work, counted (the time is in bench/hostile.bench.ts): doubling the hostile input at
    // most doubles what matchFormat hands to its regex and validators. Backtracking inside one run
    // is bounded by the pattern itself (no unbounded quantifier, checked above).
    it('does linear work on hostile input', () => {
      const work = (bytes: number) => totalWork(countWork(() => hostileInputs(f, bytes).forEach((input) => matchFormat(f, input)))[1]);
      const small = work(64 << 10);
      const big = work(128 << 10);
      assert.ok(big <= 2 * small * 1.25 + 1000, `${small} units for 64 KB, ${big} for 128 KB`);
    });
  });
}

describe('formats through the engine', () => {
  // scan() adds its own judgement (placeholders, context, clustering); the examples must survive it.
  // The file type follows the snippet's syntax, as the engine reads context per language.
  const pathFor = (line: string) =>
    /^(?:export )?[A-Z][A-Z0-9_]*=/.test(line) ? 'scripts/deploy.sh' : /^[a-z_][a-z0-9_.]* = |\($/.test(line) && !/;\s*$/.test(line) ? 'app/config.py' : 'src/config.ts';
  const scanLine = (line: string) => scan(`${line}\n`, pathFor(line));

  it('scan() reports the positives under their format, never shows the key whole, and reports no negative', () => {
    const misses: string[] = [];
    const falseAlarms: string[] = [];
    for (const f of KEY_FORMATS) {
      let reported = 0;
      for (const line of f.examples.positive) {
        const found = scanLine(line).filter((x) => x.formatId === f.id);
        if (found.length === 1) {
          reported++;
          assert.ok(!found[0].message.includes(matchFormat(f, line)[0].secret), `${f.id}: message shows the whole key`);
        } else if (!f.requiresContext) misses.push(`${f.id}: ${line.slice(0, 60)}`);
      }
      // requiresContext formats: the engine may ask for a credential word besides the provider name.
      if (f.requiresContext && reported === 0) misses.push(`${f.id}: none of its positives`);
      for (const line of f.examples.negative) {
        if (scanLine(line).some((x) => x.formatId === f.id)) falseAlarms.push(`${f.id}: ${line.slice(0, 60)}`);
      }
    }
    assert.deepEqual(misses, [], 'positives the engine missed');
    assert.deepEqual(falseAlarms, [], 'negatives the engine reported');
  });
});
