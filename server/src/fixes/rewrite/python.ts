// Python: f-strings (quote kinds safe before 3.12), byte strings, plain literals.
import type { Unsupported } from '../types';
import { concat, interpolate, parts, un, wholeLiteral } from './common';
import type { Ctx, Rewrite } from './types';

export function rewritePython(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment?): delete it and revoke it.');
  const { lit } = c;
  const { pre, suf, whole } = parts(c);
  const expression = c.lookup.expression;
  const prefix = lit.prefix.toLowerCase();
  if (prefix.includes('b')) {
    if (whole) return wholeLiteral(c, `${expression}.encode()`);
    return concat(c, '+', `${expression}.encode()`);
  }
  if (whole) return wholeLiteral(c, expression);
  // Before Python 3.12 an f-string's expression may not reuse the string's quote character.
  const other = lit.open[0] === '"' ? "'" : '"';
  const hole = `{${expression.replace(/"/g, other)}}`;
  if (prefix.includes('f')) return interpolate(c, hole);
  const braces = (s: string) => s.replace(/\{/g, '{{').replace(/\}/g, '}}');
  const newPrefix = lit.prefix.replace(/[uU]/, '') + (lit.prefix === lit.prefix.toUpperCase() && lit.prefix ? 'F' : 'f');
  return { start: lit.start, end: lit.end, newText: newPrefix + lit.open + braces(pre) + hole + braces(suf) + lit.close };
}
