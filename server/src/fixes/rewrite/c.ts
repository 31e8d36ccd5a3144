// C / C++: getenv() for whole literals inside functions.
import { linePrefix, openBraces } from '../syntax';
import type { Unsupported } from '../types';
import { parts, un, wholeLiteral } from './common';
import type { Ctx, Rewrite } from './types';

export function rewriteC(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment?).');
  if (!parts(c).whole) return un('C strings cannot be joined at run time without buffers: build the value by hand from getenv().');
  const cpp = /\bstd::/.test(c.lookup.expression);
  const line = linePrefix(c.text, c.lit.start);
  if (!cpp && !/^[ \t]*#[ \t]*define\b/.test(line) && openBraces(c.text, c.lit.start).length === 0) {
    return un('File-scope initialisers in C must be constants: call getenv() inside a function.');
  }
  if (/\bconstexpr\b/.test(line)) return un('constexpr values cannot come from getenv().');
  return wholeLiteral(c, c.lookup.expression);
}
