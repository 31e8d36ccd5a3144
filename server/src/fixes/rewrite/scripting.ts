// Ruby, PHP, Perl, Lua, Elixir, R, PowerShell: each language's interpolation or concatenation.
import { linePrefix } from '../syntax';
import type { Unsupported } from '../types';
import { concat, interpolate, parts, un, wholeLiteral } from './common';
import type { Ctx, Rewrite } from './types';

export function rewriteRubyLike(c: Ctx): Rewrite | Unsupported {
  if (!c.lit) return un('The key is not inside a string literal here (a comment?): delete it and revoke it.');
  const { family, lit, text } = c;
  const { whole } = parts(c);
  const expression = c.lookup.expression;
  const head = linePrefix(text, lit.start);
  if (family === 'php' && (/^[ \t]*const\b/.test(head) || /^[ \t]*((public|private|protected|static|readonly|var|final)[ \t]+)+(const\b|(\??[\w\\]+[ \t]+)?\$\w+[ \t]*=)/.test(head))) {
    return un('PHP constants and property defaults must be constant expressions: read getenv() in the constructor instead.');
  }
  if (family === 'elixir' && /^[ \t]*@\w+/.test(linePrefix(text, lit.start))) return un('Module attributes are evaluated at compile time: read the key at run time with System.fetch_env!/1 inside a function.');
  if (whole) return wholeLiteral(c, expression);
  const dq = lit.open === '"' || lit.open === '"""';
  switch (family) {
    case 'ruby':
      return dq ? interpolate(c, `#{${expression}}`) : concat(c, '+', expression);
    case 'elixir':
      return interpolate(c, `#{${expression}}`);
    case 'perl':
      return dq ? interpolate(c, expression) : concat(c, '.', expression);
    case 'php':
      return concat(c, '.', expression);
    case 'lua':
      return concat(c, '..', expression);
    case 'powershell':
      return dq ? interpolate(c, `$(${expression})`) : concat(c, '+', expression);
    case 'r': {
      const { pre, suf } = parts(c);
      const args = [pre && lit.open + pre + lit.close, expression, suf && lit.open + suf + lit.close].filter(Boolean);
      return { start: lit.start, end: lit.end, newText: `paste0(${args.join(', ')})` };
    }
    default:
      return concat(c, '+', expression);
  }
}
