// Helpers the per-language literal rewrites share: split, concatenate or interpolate around the secret.
import { binarySafe } from '../syntax';
import type { Unsupported } from '../types';
import type { Ctx, Rewrite } from './types';

export const un = (unsupported: string): Unsupported => ({ unsupported });

export function parts(c: Ctx): { pre: string; suf: string; whole: boolean } {
  const lit = c.lit!;
  const pre = c.text.slice(lit.contentStart, c.s);
  const suf = c.text.slice(c.e, lit.contentEnd);
  return { pre, suf, whole: !pre && !suf };
}

/** `"pre" OP expr OP "suf"`, keeping the literal's own prefix and quotes on each remaining piece. */
export function concat(c: Ctx, op: string, expression: string, compact = false): Rewrite {
  const lit = c.lit!;
  const { pre, suf } = parts(c);
  const pieces: string[] = [];
  if (pre) pieces.push(lit.prefix + lit.open + pre + lit.close);
  pieces.push(expression);
  if (suf) pieces.push(lit.prefix + lit.open + suf + lit.close);
  let out = pieces.join(compact ? op : ` ${op} `);
  if (pieces.length > 1 && !binarySafe(c.text, lit.start, lit.end, op)) out = `(${out})`;
  return { start: lit.start, end: lit.end, newText: out };
}

/** Insert an interpolation in place of the secret, leaving the literal as is. */
export function interpolate(c: Ctx, hole: string): Rewrite {
  return { start: c.s, end: c.e, newText: hole };
}

export function wholeLiteral(c: Ctx, expression: string): Rewrite {
  return { start: c.lit!.start, end: c.lit!.end, newText: expression };
}

