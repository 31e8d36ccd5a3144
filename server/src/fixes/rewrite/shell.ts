// Shell words and Dockerfile instructions.
import { edit } from '../text';
import { lineStartOf } from '../syntax';
import type { Unsupported } from '../types';
import { interpolate, parts, un, wholeLiteral } from './common';
import type { Ctx, Rewrite } from './types';

/** Shell words: double quotes take the expansion, single quotes are closed and reopened. */
export function rewriteShellWord(c: Ctx, variable: string): Rewrite | Unsupported {
  const { lit } = c;
  if (!lit) return { start: c.s, end: c.e, newText: `"${variable}"` };
  const { pre, suf, whole } = parts(c);
  if (lit.open === '"') return interpolate(c, variable);
  if (lit.open === "'") {
    if (whole) return wholeLiteral(c, `"${variable}"`);
    return { start: lit.start, end: lit.end, newText: (pre ? `'${pre}'` : '') + `"${variable}"` + (suf ? `'${suf}'` : '') };
  }
  return un('Unsupported quoting.');
}

/** The Dockerfile instruction the offset belongs to, following backslash continuations. */
function dockerInstruction(text: string, at: number): { keyword: string; keywordEnd: number; rest: string } | undefined {
  let ls = lineStartOf(text, at);
  while (ls > 0) {
    const prevStart = lineStartOf(text, ls - 1);
    if (!/\\[ \t]*\r?\n$/.test(text.slice(prevStart, ls))) break;
    ls = prevStart;
  }
  const m = /^[ \t]*([A-Za-z]+)\b/.exec(text.slice(ls, ls + 200));
  if (!m) return undefined;
  return { keyword: m[1].toUpperCase(), keywordEnd: ls + m[0].length, rest: text.slice(ls + m[0].length, at) };
}

export function rewriteDockerfile(c: Ctx): Rewrite | Unsupported {
  const ins = dockerInstruction(c.text, c.s);
  const name = c.lookup.name;
  if (!ins || ins.keyword === 'ENV' || ins.keyword === 'ARG' || ins.keyword === 'LABEL') {
    return un('Image layers keep ENV/ARG/LABEL values: pass the key at run time (docker run -e) or as a build secret (RUN --mount=type=secret).');
  }
  if (/^\s*\[/.test(ins.rest)) return un('Exec-form instructions do not expand variables: use the shell form or read the variable in the program.');
  const r = rewriteShellWord(c, c.lookup.expression);
  if ('unsupported' in r) return r;
  if (ins.keyword === 'RUN') {
    // A BuildKit secret mount exposes the variable to this RUN only, never to the image history.
    if (!new RegExp(`--mount=type=secret,id=${name}\\b`).test(ins.rest)) {
      r.extra = [edit(c.text, ins.keywordEnd, ins.keywordEnd, ` --mount=type=secret,id=${name},env=${name}`)];
    }
    r.note = `Build with: docker build --secret id=${name},env=${name} . (BuildKit; env= needs Dockerfile syntax 1.10 or later).`;
  } else {
    r.note = `Pass the key when the container starts: docker run -e ${name}.`;
  }
  return r;
}
