// Terraform and committed env example files.
import { lineStartOf } from '../syntax';
import type { Unsupported } from '../types';
import { interpolate, parts, un, wholeLiteral } from './common';
import type { Ctx, Rewrite } from './types';

export function rewriteTerraform(c: Ctx): Rewrite | Unsupported {
  if (/\.tfvars(\.json)?$/i.test(c.input.filePath)) return un(`.tfvars files hold values, not expressions: delete the line and export ${c.lookup.name} instead.`);
  if (!c.lit) return un('The key is not inside a string here.');
  if (parts(c).whole) return wholeLiteral(c, c.lookup.expression);
  return interpolate(c, `\${${c.lookup.expression}}`);
}

/** .env.example: empty the value in place; the line's own name is the variable the program reads. */
export function rewriteEnvExample(c: Ctx): Rewrite | Unsupported {
  const ls = lineStartOf(c.text, c.s);
  const nl = c.text.indexOf('\n', ls);
  const line = c.text.slice(ls, nl === -1 ? c.text.length : nl).replace(/\r$/, '');
  const m = /^([ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*)/.exec(line);
  if (!m) return un('The key is not the value of a NAME=value line.');
  const vStart = ls + m[1].length;
  const rest = line.slice(m[1].length);
  const q = rest[0];
  let vEnd: number;
  if (q === '"' || q === "'" || q === '`') {
    const close = rest.indexOf(q, 1);
    vEnd = vStart + (close === -1 ? rest.length : close + 1);
  } else {
    const hash = rest.search(/\s#/);
    vEnd = vStart + (hash === -1 ? rest.length : hash);
    while (vEnd > vStart && /\s/.test(c.text[vEnd - 1])) vEnd--;
  }
  if (c.s < vStart || c.e > vEnd) return un('The key is not the value of a NAME=value line.');
  return { start: vStart, end: vEnd, newText: '', name: m[2] };
}
