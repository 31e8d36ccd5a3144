// The .env text module as the client's key commands use it: offsets for a TextDocument, rotation's rewrite, the Insert prompt's plan.
import assert from 'node:assert/strict';
import { containsValue, formatEnvValue, parseEnvAssignments as parseEnv, planEnvEntry, replaceValue, settleEnvEntry, type TextChange } from '../../../shared/envText';

const apply = (text: string, changes: TextChange[]) =>
  [...changes].sort((a, b) => b.start - a.start).reduce((t, c) => t.slice(0, c.start) + c.newText + t.slice(c.end), text);

const OLD = 'pio_sk_OLDoldOLDoldOLDoldOLD1_0000';
const NEW = 'pio_sk_NEWnewNEWnewNEWnewNEW2_1111';

describe('shared/envText for the key commands', () => {
  it('parses bare, quoted, exported and commented assignments', () => {
    const env = parseEnv(`# comment\nA=1\nexport B="two words"\r\nC='x'  # note\nD=\n  E = spaced\nnot a line\n`);
    assert.deepEqual(
      env.map((e) => [e.name, e.value]),
      [['A', '1'], ['B', 'two words'], ['C', 'x'], ['D', ''], ['E', 'spaced']],
    );
  });
  it('rotation replaces the old value everywhere it is a whole value, keeping export and comments', () => {
    const text = `PIONEER_API_KEY=${OLD}\nexport BACKUP="${OLD}" # old\nOTHER=${OLD}x\nNOTE=prefix${OLD}\n`;
    const out = apply(text, replaceValue(text, OLD, NEW));
    // Issue 14: the assignment is rewritten by the one formatter, so the old "…" go (NEW is plain).
    assert.equal(out, `PIONEER_API_KEY=${NEW}\nexport BACKUP=${NEW} # old\nOTHER=${OLD}x\nNOTE=prefix${OLD}\n`);
    assert.ok(containsValue(text, OLD));
    assert.ok(!containsValue(out.replace(/OTHER.*\n|NOTE.*\n/g, ''), OLD));
    assert.deepEqual(replaceValue(text, '', NEW), []);
  });
  it('plans an entry: append (new file, missing newline, CRLF), present, conflict', () => {
    let p = planEnvEntry('', 'PIONEER_API_KEY', NEW);
    assert.equal(p.kind, 'append');
    if (p.kind === 'append') assert.equal(apply('', [p.change]), `PIONEER_API_KEY=${NEW}\n`);
    p = planEnvEntry('A=1', 'PIONEER_API_KEY', NEW);
    if (p.kind === 'append') assert.equal(apply('A=1', [p.change]), `A=1\nPIONEER_API_KEY=${NEW}\n`);
    p = planEnvEntry('A=1\r\n', 'K', 'v');
    if (p.kind === 'append') assert.equal(apply('A=1\r\n', [p.change]), 'A=1\r\nK=v\r\n');
    assert.equal(planEnvEntry(`K="${NEW}"\n`, 'K', NEW).kind, 'present');
    const text = `export K='${OLD}' # prod\nK_2=taken\n`;
    p = planEnvEntry(text, 'K', NEW);
    assert.equal(p.kind, 'conflict');
    if (p.kind === 'conflict') {
      assert.equal(apply(text, [p.replace]), `export K=${NEW} # prod\nK_2=taken\n`);
      assert.equal(p.alternative.name, 'K_3');
      assert.equal(apply(text, [p.alternative.change!]), `${text}K_3=${NEW}\n`);
    }
  });
  it('quotes only values that need it, as the language server does, and refuses the impossible', () => {
    assert.equal(formatEnvValue(NEW), NEW);
    assert.equal(formatEnvValue('a b#c'), "'a b#c'");
    assert.equal(formatEnvValue('say "hi"'), `'say "hi"'`);
    assert.throws(() => formatEnvValue('a\nb\\'), /no \.env quoting/);
  });
  it('rotation never puts the new key inside old quotes: the whole assignment is rewritten (issue 14)', () => {
    const text = `A="${OLD}"\nexport B='${OLD}'  # keep\nC: ${OLD}\r\nD=\`${OLD}\`\n`;
    const hostile = 'k3y";touch pwned;"\'x';
    assert.throws(() => replaceValue(text, OLD, hostile), /will not write this value/);
    const spaced = 'new key&$(id)';
    const out = apply(text, replaceValue(text, OLD, spaced));
    assert.equal(out, `A='${spaced}'\nexport B='${spaced}'  # keep\nC='${spaced}'\r\nD='${spaced}'\n`);
    assert.deepEqual(parseEnv(out).map((a) => a.value), [spaced, spaced, spaced, spaced]);
  });
  it('a BOM is skipped when parsing and kept by every plan: the same NAME is found, the next is NAME_2 (issue 14)', () => {
    const text = `\uFEFFPIONEER_API_KEY=${OLD}\n`;
    assert.equal(planEnvEntry(text, 'PIONEER_API_KEY', OLD).kind, 'present');
    const p = planEnvEntry(text, 'PIONEER_API_KEY', NEW);
    assert.equal(p.kind, 'conflict');
    if (p.kind !== 'conflict') return;
    assert.equal(p.alternative.name, 'PIONEER_API_KEY_2');
    assert.equal(apply(text, [p.alternative.change!]), `${text}PIONEER_API_KEY_2=${NEW}\n`);
    assert.equal(apply(text, [p.replace]), `\uFEFFPIONEER_API_KEY=${NEW}\n`);
    assert.equal(apply(text, replaceValue(text, OLD, NEW)), `\uFEFFPIONEER_API_KEY=${NEW}\n`);
    assert.equal(planEnvEntry('\uFEFF', 'K', 'v').kind, 'append');
    const a = planEnvEntry('\uFEFF', 'K', 'v');
    if (a.kind === 'append') assert.equal(apply('\uFEFF', [a.change]), '\uFEFFK=v\n');
  });
  it('Insert into .env decides on the text read after the prompt: the answer applies only to the same decision (issue 14)', () => {
    const text = `K=${OLD}\n`;
    const asked = planEnvEntry(text, 'K', NEW);
    assert.equal(asked.kind, 'conflict');
    // Unchanged: the answer is carried out on the fresh text.
    let s = settleEnvEntry(asked, text, NEW, 'replace');
    assert.ok(s.kind === 'write' && s.replaced && apply(text, [s.change]) === `K=${NEW}\n`);
    s = settleEnvEntry(asked, text, NEW, 'rename');
    assert.ok(s.kind === 'write' && !s.replaced && s.name === 'K_2' && apply(text, [s.change]) === `${text}K_2=${NEW}\n`);
    // Grown meanwhile (a line above): offsets come from the new text, not the old one.
    const grown = `# added while asking\n${text}`;
    s = settleEnvEntry(asked, grown, NEW, 'replace');
    assert.ok(s.kind === 'write' && apply(grown, [s.change]) === `# added while asking\nK=${NEW}\n`);
    // Someone wrote the same key meanwhile: nothing to do.
    assert.deepEqual(settleEnvEntry(asked, `K=${NEW}\n`, NEW, 'replace'), { kind: 'present', name: 'K' });
    // K_2 taken by another value meanwhile, or K removed: the question asked no longer fits.
    assert.deepEqual(settleEnvEntry(asked, `${text}K_2=other\n`, NEW, 'rename'), { kind: 'changed' });
    assert.deepEqual(settleEnvEntry(asked, 'A=1\n', NEW, 'replace'), { kind: 'changed' });
    // An append planned on an empty file becomes a conflict if K appeared meanwhile.
    assert.deepEqual(settleEnvEntry(planEnvEntry('', 'K', NEW), text, NEW), { kind: 'changed' });
    const fresh = settleEnvEntry(planEnvEntry('', 'K', NEW), 'A=1', NEW);
    assert.ok(fresh.kind === 'write' && apply('A=1', [fresh.change]) === `A=1\nK=${NEW}\n`);
  });
});
