// Hits -> candidates. Each keyword hit is read in place: the name around it, the syntax after the
// name, the value. Formats run only on the lines (or bounded windows of long lines) where one of
// their keywords occurs. Nothing here decides severity, provider or message (see finalize/).
//
// The readers, one job each: hitLine (the hit's line and what is known about it), formatHits
// (catalogue formats per line), pemHit (private-key blocks), nameHit (credential names, which hands
// off to urlParam, queryObject, sdkArgument), callSite and lookback (context around a name).
import type { Candidate } from '../candidate';
import { forEachHit } from '../prefilter';
import { pemFinder } from '../rules/pem';
import { FormatHits } from './formatHits';
import { HitLine, type CollectInput } from './hitLine';
import { NameHits } from './nameHit';
import { readPemHit } from './pemHit';

export type { CollectInput } from './hitLine';
export { QUERY_LOOKBACK_LINES } from './lookback';

/** Candidates whose keyword hit lies in [start, end) (both on line boundaries). */
export function collect(input: CollectInput, start: number, end: number): Candidate[] {
  const line = new HitLine(input);
  const formats = new FormatHits(line, input.maxLineLength);
  const names = new NameHits(line);
  const pemBlockAt = pemFinder(input.text);
  const wantKeys = input.wantKeys;
  forEachHit(input.cfg.prefilter, input.text, start, end, (off, _len, tag) => {
    if (!line.holds(off)) {
      formats.flush();
      line.moveTo(off);
    }
    formats.add(off, tag.formats);
    if (tag.context) {
      formats.addContext(off);
      names.read(off);
    }
    if (tag.pem && wantKeys) {
      const block = pemBlockAt(off);
      if (block) readPemHit(line, block, off);
    }
  });
  formats.flush();
  return line.out;
}
