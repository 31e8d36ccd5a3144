// Every catalogue format's own examples through the whole engine: each positive yields a finding of
// that format, each negative none of it (the formats' tests hold their regexes to the same examples).
import { strict as assert } from 'node:assert';
import { scan } from '../../../server/src/engine';
import { KEY_FORMATS } from '../../../server/src/engine/formats';

describe('engine: KEY_FORMATS examples through scan()', () => {
  it('has a catalogue to run', () => {
    assert.ok(KEY_FORMATS.length > 0);
  });
  // One case per format, every example in it (a case per example counted each twice over the suite).
  for (const format of KEY_FORMATS) {
    it(`${format.id}: each positive is reported as ${format.id}, no negative is`, () => {
      format.examples.positive.forEach((example, i) => {
        const found = scan(example, 'example.txt').filter((f) => f.ruleId === 'hardcoded-key');
        assert.ok(
          found.some((f) => f.formatId === format.id),
          `positive #${i + 1}: expected ${format.id}, got ${JSON.stringify(found.map((f) => f.formatId ?? f.context?.kind))}`,
        );
        for (const f of found) assert.ok(!f.message.includes(example.slice(f.offset, f.offset + f.length)), `positive #${i + 1}: message shows the key`);
      });
      format.examples.negative.forEach((example, i) => {
        const found = scan(example, 'example.txt').filter((f) => f.formatId === format.id);
        assert.deepEqual(found.map((f) => f.formatId), [], `negative #${i + 1} is reported as ${format.id}`);
      });
    });
  }
});
