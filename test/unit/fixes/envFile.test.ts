import { strict as assert } from 'node:assert';
import * as dotenv from 'dotenv';
import fc from 'fast-check';
import { applyEdits, formatEnvValue, parseEnv, planEnvEntries, planEnvEntry, planEnvExampleEntry } from '../../../server/src/fixes';

const KEY = 'pio_sk_Xb7Qm2Lp9Rt4Vw6Yz8Ac1De_3f6a9c2e-7b1d-4e8f-9a6b-2c5d8e1f4a7b';

function after(text: string | undefined, plan: { edit?: { range: never } | unknown; create?: string }): string {
  const p = plan as { edit?: Parameters<typeof applyEdits>[1][number]; create?: string };
  if (p.create !== undefined) return p.create;
  return p.edit ? applyEdits(text ?? '', [p.edit]) : (text ?? '');
}

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
    const values = ['a b', 'abc#def', "it's", 'say "hi"', 'co$t', '${HOME}', "both ' and \"", 'back\\slash', 'tab\there', '', 'x\\ny'];
    for (const v of values) {
      const p = planEnvEntry('', 'K', v);
      assert.equal(p.error, undefined, v);
      assert.equal(dotenv.parse(after('', p)).K, v, `value ${JSON.stringify(v)} as ${JSON.stringify(after('', p))}`);
    }
  });

  it('round-trips arbitrary printable values through dotenv (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aZ09 _-#\'"`$\\/{}=+:;.,!'.split('')), maxLength: 40 }), (v) => {
        const f = formatEnvValue(v);
        if (f === undefined) return v.endsWith('\\') || (/'/.test(v) && /["$]|\\[nr]/.test(v) && /`/.test(v));
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
