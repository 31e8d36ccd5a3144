// User regexes (keyward.extraKeyNames, a custom provider's prefix) are admitted only when they cannot
// backtrack catastrophically (issue 14 item 5): a structural, deterministic verdict, never a timing.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { engineConfig } from '../../../server/src/engine/config';
import { normalizeSettings } from '../../../server/src/lsp/settings';
import { mergeProviders } from '../../../shared/providers/custom';
import { checkUserPattern, EXTRA_KEY_NAME_FLAGS, PROVIDER_PREFIX_FLAGS } from '../../../shared/userPatterns';

// Textbook ReDoS shapes (OWASP, Davis et al. 2018) and the issue's own pattern.
const CATASTROPHIC: Record<string, RegExp> = {
  '(a+)+b': /nested quantifiers/,
  '(a*)*b': /nested quantifiers/,
  '([a-zA-Z]+)*$': /nested quantifiers/,
  '(\\w+\\s?)*$': /nested quantifiers/,
  '^(([a-z])+.)+[A-Z]([a-z])+$': /nested quantifiers/,
  '(a?){25}a{25}': /nested quantifiers/,
  '(a|aa)+$': /repeats an alternation/,
  '(a|a)*b': /repeats an alternation/,
  '(.*a){12}': /nested quantifiers/,
  '\\w*\\w*\\w*!': /same text as a quantifier before it/,
  '^MY_.*_TOKEN_.*!$': /same text as a quantifier before it/,
  '[a-z]+[a-z0-9]+x': /same text as a quantifier before it/,
  'a?a?a?a?a?a?a?a?aaaaaaaa': /same text as a quantifier before it/,
  '(x)\\1+': /back-references/,
  'a{1,100000}': /repetition counts/,
  '(': /not a valid regular expression/,
};

// What people write in these settings: they must keep working.
const ORDINARY = [
  '^(?:api|secret)_?key$',
  'session_?blob',
  '.*_TOKEN$',
  '^my_.+_secret$',
  'X-[A-Z][a-z]+-Key',
  'acme_[A-Za-z0-9]{32}',
  'sk-[a-z0-9]{20,}',
  'acme_(?:live|test)_[A-Za-z0-9]{24,48}',
  '[a-z]+_[a-z]+',
  '(?:-[a-z]{4}){3}',
  'x(?:ab)+y',
  '\\bcorp[-_]token\\b',
];

describe('user patterns: the ReDoS guard', () => {
  for (const [p, why] of Object.entries(CATASTROPHIC)) {
    it(`rejects ${p}`, () => {
      const c = checkUserPattern(p, EXTRA_KEY_NAME_FLAGS);
      assert.equal(c.ok, false);
      assert.match((c as { reason: string }).reason, why);
    });
  }

  it('admits the patterns people write', () => {
    for (const p of ORDINARY) assert.deepEqual(checkUserPattern(p, EXTRA_KEY_NAME_FLAGS), { ok: true }, p);
  });

  it('rejects every repeated group that holds a variable quantifier or an alternation, whatever the atoms', () => {
    const atom = fc.constantFrom('a', '\\w', '[a-z]', '.', '\\d', '[^_]', 'x');
    const inner = fc.oneof(
      fc.tuple(atom, fc.constantFrom('+', '*', '?', '{1,3}', '{2,}')).map(([a, q]) => a + q),
      fc.tuple(atom, atom).map(([a, b]) => `${a}|${b}`),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 5 }).map((s) => s.replace(/[^A-Za-z_]/g, '')), inner, fc.constantFrom('+', '*', '{2,}', '{3}'), (pre, body, q) => {
        const p = `${pre}(?:${body})${q}!`;
        assert.equal(checkUserPattern(p).ok, false, p);
      }),
    );
  });

  it('rejects two variable quantifiers over the same characters with only shared characters between', () => {
    const cls = fc.constantFrom('a', '\\w', '[a-z]', '.', '[a-f0-9]');
    fc.assert(
      fc.property(cls, fc.constantFrom('+', '*', '{1,9}'), fc.constantFrom('', 'a', 'aa'), fc.constantFrom('+', '*', '?', '{2,}'), (c, q1, mid, q2) => {
        const p = `${c}${q1}${mid}${c}${q2}!`;
        assert.equal(checkUserPattern(p).ok, false, p);
      }),
    );
  });

  it('settings: a rejected extra key name is dropped and reported with its reason; the others stay', () => {
    const s = normalizeSettings({ extraKeyNames: ['(a+)+b', 'session_?blob'], customProviders: [{ id: 'acme', name: 'Acme', prefix: '(a|a)*acme_' }, { id: 'ok', name: 'Ok', prefix: 'ok_[a-z0-9]{20}' }] });
    assert.deepEqual(s.extraKeyNames, ['session_?blob']);
    assert.deepEqual(
      s.rejectedPatterns.map((r) => [r.setting, r.pattern]),
      [
        ['keyward.extraKeyNames', '(a+)+b'],
        ['keyward.customProviders[0].prefix', '(a|a)*acme_'],
      ],
    );
    assert.match(s.rejectedPatterns[0].reason, /nested quantifiers/);
  });

  it('custom providers keep their entry but lose a catastrophic prefix', () => {
    const [acme] = mergeProviders([{ id: 'acme', name: 'Acme', prefix: '(a|a)*acme_' }]).filter((p) => p.custom);
    assert.equal(acme.id, 'acme');
    assert.equal(acme.keyPatterns, undefined);
    const [ok] = mergeProviders([{ id: 'ok', name: 'Ok', prefix: 'ok_[a-z0-9]{20}' }]).filter((p) => p.custom);
    assert.deepEqual(ok.keyPatterns, ['ok_[a-z0-9]{20}']);
    assert.equal(checkUserPattern('ok_[a-z0-9]{20}', PROVIDER_PREFIX_FLAGS).ok, true);
  });

  it('the engine compiles only admitted names, whoever calls it (CLI, repository config)', () => {
    const cfg = engineConfig({ relativePath: 'a.ts', extraKeyNames: ['(a+)+b', 'session_?blob', '(x)\\1'] });
    assert.deepEqual(
      cfg.extraNames.map((r) => r.source),
      ['session_?blob'],
    );
  });
});
