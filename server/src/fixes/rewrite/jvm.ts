// Java, Kotlin, C#, Scala, Swift, Dart: concatenation or templates; constants lose const.
import { edit } from '../text';
import { headerBefore, linePrefix, lineStartOf, openBraces, prevWord } from '../syntax';
import type { TextEdit, Unsupported } from '../types';
import { concat, interpolate, parts, un, wholeLiteral } from './common';
import type { Ctx, Rewrite } from './types';

function annotationArgument(text: string, at: number): boolean {
  return /@[\w.]+\s*\([^()]*$/.test(text.slice(Math.max(0, at - 300), at)) || /\[[\w.]+\s*\([^()]*$/.test(linePrefix(text, at));
}

export function rewriteJavaLike(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment?): delete it and revoke it.');
  const { text, lit, family } = c;
  const { whole } = parts(c);
  if (family !== 'csharp' && annotationArgument(text, lit.start)) return un('Annotation arguments must be compile-time constants: read the key where the annotation is used instead.');
  if (family === 'csharp' && /\[[\w.]+(?:Attribute)?\s*\([^()\]]*$/.test(linePrefix(text, lit.start))) return un('Attribute arguments must be compile-time constants.');
  if ((family === 'java' || family === 'csharp' || family === 'dart') && prevWord(text, lit.start) === 'case') return un('Case labels must be compile-time constants: compare against the env value in an if instead.');
  // C# optional parameters (`string key = "…"` inside a parameter list) need constant defaults.
  if (family === 'csharp' && /\(\s*(?:[^()]*,\s*)?(?:(?:ref|in|out|params|this)\s+)?[\w.<>\[\]?]+\s+\w+\s*=\s*$/.test(text.slice(Math.max(0, lit.start - 300), lit.start))) {
    return un('Default parameter values must be constants: default to null and read the environment variable in the method body.');
  }
  const extra: TextEdit[] = [];
  const line = linePrefix(text, lit.start);
  const ls = lineStartOf(text, lit.start);
  if (family === 'kotlin') {
    const m = /\bconst[ \t]+(?=val\b)/.exec(line);
    if (m) extra.push(edit(text, ls + m.index, ls + m.index + m[0].length, ''));
    if (whole) return { ...wholeLiteral(c, c.lookup.expression), extra };
    return { ...interpolate(c, `\${${c.lookup.expression}}`), extra };
  }
  if (family === 'csharp') {
    const m = /\bconst[ \t]+/.exec(line);
    if (m) {
      // Members become static readonly; locals simply drop const.
      const braces = openBraces(text, ls + m.index);
      const inner = braces[braces.length - 1];
      const member = inner === undefined || /\b(class|struct|record|interface)\b/.test(headerBefore(text, inner));
      extra.push(edit(text, ls + m.index, ls + m.index + m[0].length, member ? 'static readonly ' : ''));
    }
  }
  if (family === 'dart') {
    const m = /\bconst(?=[ \t]+)/.exec(line);
    if (m) extra.push(edit(text, ls + m.index, ls + m.index + 5, 'final'));
  }
  if (whole) return { ...wholeLiteral(c, c.lookup.expression), extra };
  if (lit.open.length === 3 && family !== 'scala') return un('Splitting a multi-line text block is not supported: move the key out by hand.');
  return { ...concat(c, '+', c.lookup.expression), extra };
}
