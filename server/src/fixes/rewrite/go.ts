// Go: concatenation, and const declarations that must become var.
import { edit } from '../text';
import { linePrefix, lineStartOf, nextChar, prevChar } from '../syntax';
import type { TextEdit, Unsupported } from '../types';
import { concat, parts, un, wholeLiteral } from './common';
import type { Ctx, Rewrite } from './types';

/** Go constants cannot hold a run-time value: the declaration becomes a var. */
function goConstToVar(c: Ctx): TextEdit[] | Unsupported {
  const { text } = c;
  const start = c.lit ? c.lit.start : c.s;
  const line = linePrefix(text, start);
  const single = /^([ \t]*)const\b/.exec(line);
  if (single) {
    const at = lineStartOf(text, start) + single[1].length;
    return [edit(text, at, at + 5, 'var')];
  }
  const before = text.slice(0, start);
  const blockRe = /^[ \t]*const[ \t]*\(/gm;
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | undefined;
  while ((m = blockRe.exec(before))) last = m;
  if (last && !/^[ \t]*\)/m.test(before.slice(last.index + last[0].length))) {
    const close = /^[ \t]*\)/m.exec(text.slice(start));
    const block = text.slice(last.index, close ? start + close.index : text.length);
    if (/\biota\b/.test(block)) return un('This const block uses iota: move the key out of the block into its own var first.');
    const at = last.index + last[0].indexOf('const');
    return [edit(text, at, at + 5, 'var')];
  }
  return [];
}

export function rewriteGo(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment or struct tag?).');
  if (prevChar(c.text, c.lit.start)[0] === '`' || /`[^`]*$/.test(linePrefix(c.text, c.lit.start))) return un('Struct tags must be literals.');
  const extra = goConstToVar(c);
  if ('unsupported' in extra) return extra;
  // gofmt drops the spaces around + inside a list of several arguments or elements.
  const inList = prevChar(c.text, c.lit.start)[0] === ',' || nextChar(c.text, c.lit.end)[0] === ',';
  const r = parts(c).whole ? wholeLiteral(c, c.lookup.expression) : concat(c, '+', c.lookup.expression, inList);
  return { ...r, extra };
}
