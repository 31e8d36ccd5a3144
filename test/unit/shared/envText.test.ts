// The one .env text module: planning entries (quick fixes and Insert into .env), parsing like dotenv, quoting, rotation's rewrite, BOM.
import { strict as assert } from 'node:assert';
import * as dotenv from 'dotenv';
import fc from 'fast-check';
import { applyEdits } from '../../../server/src/fixes';
import { envValueProblem, formatEnvValue, parseEnv, parseEnvAssignments, planEnvEntries, planEnvEntry as planClientEntry, planEnvExampleEntry, replaceValue, type EnvEntriesPlan } from '../../../shared/envText';

const KEY = 'pio_sk_Xb7Qm2Lp9Rt4Vw6Yz8Ac1De_3f6a9c2e-7b1d-4e8f-9a6b-2c5d8e1f4a7b';

/** The quick fixes' one-entry plan (what server/src/fixes' planEnvEntry was). */
function planEnvEntry(text: string | undefined, name: string, value: string) {
  const r = planEnvEntries(text, [{ name, value }]);
  const e = r.entries[0];
  return { ...r, name: e.name, alreadyPresent: e.alreadyPresent, error: e.error };
}

function after(text: string | undefined, plan: Pick<EnvEntriesPlan, 'edit' | 'create'>): string {
  if (plan.create !== undefined) return plan.create;
  return plan.edit ? applyEdits(text ?? '', [plan.edit]) : (text ?? '');
}

/** Exactly the values no reader-safe quoting holds (issue 14 item 1). */
const refused = (v: string) => /['\\\r\n\u0000-\u0008\u000b-\u001f\u007f]/.test(v) || /\$\{[^}]*\}/.test(v);

describe('planEnvEntry', () => {
  it('creates the file when there is none', () => {
    const p = planEnvEntry(undefined, 'PIONEER_API_KEY', KEY);
    assert.equal(p.create, `PIONEER_API_KEY=${KEY}\n`);
    assert.equal(p.alreadyPresent, false);
    assert.equal(dotenv.parse(p.create!).PIONEER_API_KEY, KEY);
  });

  it('appends after a file without a trailing newline', () => {
    const text = '# local\nOTHER=1';
    const p = planEnvEntry(text, 'PIONEER_API_KEY', KEY);
    assert.equal(after(text, p), `# local\nOTHER=1\nPIONEER_API_KEY=${KEY}\n`);
  });

  it('keeps CRLF files CRLF', () => {
    const text = 'A=1\r\nB=2\r\n';
    const out = after(text, planEnvEntry(text, 'PIONEER_API_KEY', KEY));
    assert.equal(out, `A=1\r\nB=2\r\nPIONEER_API_KEY=${KEY}\r\n`);
    assert.ok(!/[^\r]\n/.test(out));
  });

  it('same name and same value (also as `export NAME=` or quoted): nothing to add', () => {
    for (const text of [`PIONEER_API_KEY=${KEY}\n`, `export PIONEER_API_KEY="${KEY}"\n`, `  PIONEER_API_KEY = '${KEY}' # mine\n`]) {
      const p = planEnvEntry(text, 'PIONEER_API_KEY', KEY);
      assert.equal(p.alreadyPresent, true, text);
      assert.equal(p.edit, undefined);
      assert.equal(p.name, 'PIONEER_API_KEY');
    }
  });

  it('different value: never overwrites, picks NAME_2 then NAME_3', () => {
    const text = 'PIONEER_API_KEY=old\nPIONEER_API_KEY_2=older\n';
    const p = planEnvEntry(text, 'PIONEER_API_KEY', KEY);
    assert.equal(p.name, 'PIONEER_API_KEY_3');
    const out = after(text, p);
    assert.ok(out.startsWith(text));
    const parsed = dotenv.parse(out);
    assert.equal(parsed.PIONEER_API_KEY, 'old');
    assert.equal(parsed.PIONEER_API_KEY_3, KEY);
    // The existing NAME_2 with the same value is reused.
    assert.equal(planEnvEntry(`A=x\nA_2=${KEY}\n`, 'A', KEY).name, 'A_2');
  });

  it('a commented-out line does not count as present', () => {
    const text = `# PIONEER_API_KEY=${KEY}\n`;
    const p = planEnvEntry(text, 'PIONEER_API_KEY', KEY);
    assert.equal(p.alreadyPresent, false);
    assert.equal(dotenv.parse(after(text, p)).PIONEER_API_KEY, KEY);
  });

  it('quotes values with spaces, #, quotes and $ so dotenv reads them back byte for byte', () => {
    // Issue 14: values holding ' or \ (once written in "…" or `…`) and ${…} (python-dotenv expands it
    // inside single quotes) are now refused, see below.
    const values = ['a b', 'abc#def', 'say "hi"', 'co$t', '${HOME', '$HOME}', 'tab\there', '', 'a&./x.sh', 'x;y|z', '`id`', '$(id)'];
    for (const v of values) {
      const p = planEnvEntry('', 'K', v);
      assert.equal(p.error, undefined, v);
      assert.equal(dotenv.parse(after('', p)).K, v, `value ${JSON.stringify(v)} as ${JSON.stringify(after('', p))}`);
    }
  });

  it('single-quotes every value that is not plainly [A-Za-z0-9_./:@%+=-]* (issue 14)', () => {
    assert.equal(formatEnvValue('pio_sk_A-b.c/d:e@f%g+h=i'), 'pio_sk_A-b.c/d:e@f%g+h=i');
    for (const v of ['a&./x.sh', 'a;b', 'a|b', 'a<b', 'a>b', '(a)', '$X', '$', '${', '`x`', 'a b', '#a', '~', '*', '?', '!', '[a]', '{a}', 'é', '"', ''])
      assert.equal(formatEnvValue(v), v === '' ? '' : `'${v}'`, v);
  });

  it('refuses what no quoting holds for every reader, and says what to do', () => {
    for (const v of ["it's", "both ' and \"", 'back\\slash', 'x\\ny', 'a\nb', 'a\rb', 'trail\\', 'nul\u0000', 'esc\u001b[2K', '${HOME}', 'a${}b', '${X:-y}']) {
      const p = planEnvEntry('A=1\n', 'K', v);
      assert.match(p.error ?? '', /will not write this value to \.env: .*(secret manager|by hand)/, JSON.stringify(v));
      assert.equal(p.edit, undefined);
      assert.throws(() => planClientEntry('', 'K', v), /no \.env quoting is safe for every reader/);
    }
    assert.throws(() => planClientEntry('', 'MY-KEY', 'v'), /shell cannot read that name/);
  });

  it('round-trips arbitrary printable values through dotenv (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aZ09 _-#\'"`$\\/{}=+:;.,!&|<>()\n'.split('')), maxLength: 40 }), (v) => {
        if (refused(v)) return envValueProblem(v) !== undefined && assert.throws(() => formatEnvValue(v)) === undefined;
        const f = formatEnvValue(v);
        if (/^\s|\s$/.test(v) && f === v) return false;
        return dotenv.parse(`K=${f}\n`).K === v && parseEnv(`K=${f}\n`).get('K') === v;
      }),
      { numRuns: 3000 },
    );
  });

  it('our parser agrees with dotenv on realistic files', () => {
    const text = 'export A=1\nB = "two words" # c\nC=\'x#y\'\nD=plain # comment\nE="multi\nline"\nF=\n# G=no\nA=override\n';
    const ours = Object.fromEntries(parseEnv(text));
    assert.deepEqual(ours, dotenv.parse(text));
  });

  it('batches several entries with unique names', () => {
    const r = planEnvEntries('A=1\n', [
      { name: 'A', value: 'v1' },
      { name: 'A', value: 'v2' },
      { name: 'A', value: 'v1' },
    ]);
    assert.deepEqual(r.entries.map((e) => [e.name, e.alreadyPresent]), [['A_2', false], ['A_3', false], ['A_2', true]]);
    assert.deepEqual(dotenv.parse(after('A=1\n', r)), { A: '1', A_2: 'v1', A_3: 'v2' });
  });
});

describe('planEnvExampleEntry', () => {
  it('adds NAME= once and never a value', () => {
    const p = planEnvExampleEntry('A=\n', 'PIONEER_API_KEY');
    assert.equal(after('A=\n', p), 'A=\nPIONEER_API_KEY=\n');
    assert.equal(planEnvExampleEntry('PIONEER_API_KEY=\n', 'PIONEER_API_KEY').alreadyPresent, true);
    assert.equal(planEnvExampleEntry(undefined, 'X').create, 'X=\n');
  });
});

describe('parseEnv agrees with dotenv', () => {
  it('on random files of assignments, comments, quotes and line breaks (property)', () => {
    const piece = fc.constantFrom('A', 'b_1', 'export ', '=', ': ', ' ', '\t', '#', "'", '"', '`', '\\', 'x', '\n', '\r\n', '\r', 'v a', '\\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(Object.fromEntries(parseEnv(text)), dotenv.parse(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('offsets index the text as given (CRLF and BOM included)', () => {
    const text = '\uFEFFA=1\r\nexport  B = "x y" # c\r\nC=\'p\nq\'\r\nD=\n';
    const [a, b, c, d] = parseEnvAssignments(text);
    assert.equal(text.slice(a.nameStart, a.rawEnd), 'A=1');
    assert.equal(text.slice(b.start, b.rawEnd), 'export  B = "x y"');
    assert.equal(text.slice(b.rawStart, b.rawEnd), '"x y"');
    assert.equal(text.slice(c.rawStart, c.rawEnd), "'p\nq'");
    assert.equal(c.value, 'p\nq');
    assert.equal([d.name, d.value, d.rawStart, d.rawEnd].join(), `D,,${text.length - 1},${text.length - 1}`);
  });
});

describe('a .env with a BOM (issue 14)', () => {
  it('finds the existing NAME and adds NAME_2, never a second NAME', () => {
    const text = '\uFEFFPIONEER_API_KEY=old\n';
    const p = planEnvEntry(text, 'PIONEER_API_KEY', KEY);
    assert.equal(p.name, 'PIONEER_API_KEY_2');
    assert.equal(planEnvEntry(text, 'PIONEER_API_KEY', 'old').alreadyPresent, true);
    // The edit is on the editor's view (no BOM): line 1, after the one line.
    assert.deepEqual(p.edit!.range.start, { line: 1, character: 0 });
    assert.deepEqual(dotenv.parse(after(text.slice(1), p)), { PIONEER_API_KEY: 'old', PIONEER_API_KEY_2: KEY });
    assert.equal(planEnvExampleEntry('\uFEFFPIONEER_API_KEY=\n', 'PIONEER_API_KEY').alreadyPresent, true);
  });

  it('a one-line BOM file without a newline gets the line break at the right character', () => {
    const p = planEnvEntry('\uFEFFA=1', 'B', 'v');
    assert.deepEqual(p.edit!.range.start, { line: 0, character: 3 });
    assert.equal(after('A=1', p), 'A=1\nB=v\n');
  });
});

describe('replaceValue', () => {
  it('refuses a new value no quoting holds before changing anything, and leaves files without the old value alone', () => {
    assert.throws(() => replaceValue(`K=${KEY}\n`, KEY, "x'y"), /will not write/);
    assert.deepEqual(replaceValue('K=other\n', KEY, "x'y"), []);
  });
});
