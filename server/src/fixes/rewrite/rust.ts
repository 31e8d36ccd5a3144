// Rust: a borrowed lookup where a &str stood, format! for partial literals.
import { linePrefix } from '../syntax';
import type { Unsupported } from '../types';
import { parts, un, wholeLiteral } from './common';
import type { Ctx, Rewrite } from './types';

export function rewriteRust(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment?).');
  const { text, lit } = c;
  const { pre, suf, whole } = parts(c);
  if (/^[ \t]*(pub(\([\w ]+\))?[ \t]+)?(const|static)\b/.test(linePrefix(text, lit.start))) return un('Rust const/static items need compile-time values: turn the item into a function or a LazyLock that reads std::env::var.');
  if (lit.prefix.startsWith('b') || lit.prefix === 'c') return un('Byte/C string literals are not rewritten.');
  if (text.slice(Math.max(0, lit.start - 2), lit.start).replace(/\s/g, '').endsWith('!(') || /!\(\s*$/.test(text.slice(Math.max(0, lit.start - 20), lit.start))) {
    return un('This literal is a macro\'s format string: move the key into an argument first.');
  }
  const owned = /^\s*\.(to_string|to_owned|into)\(\)/.test(text.slice(lit.end, lit.end + 20)) || /String::from\(\s*$/.test(text.slice(Math.max(0, lit.start - 20), lit.start));
  const amp = owned ? '' : '&';
  if (whole) return wholeLiteral(c, `${amp}${c.lookup.expression}`);
  const esc = (s: string) => s.replace(/\{/g, '{{').replace(/\}/g, '}}');
  return { start: lit.start, end: lit.end, newText: `${amp}format!(${lit.prefix}${lit.open}${esc(pre)}{}${esc(suf)}${lit.close}, ${c.lookup.expression})` };
}
