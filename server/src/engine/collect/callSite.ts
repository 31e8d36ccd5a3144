// Whether a name stands in call arguments (`OpenAI(api_key=…)`, `new Pinecall({ apiKey: … })`,
// or an object whose call opened on the previous line): such a value is an SDK option, not an assignment.
import type { HitLine } from './hitLine';

/** The name starting at `s` (on the current line) sits in call arguments. */
export function insideCall(line: HitLine, s: number): boolean {
  const { text, ls } = line;
  let depth = 0;
  for (let i = s - 1; i >= Math.max(ls, s - 300); i--) {
    const c = text[i];
    if (c === ')' || c === '}' || c === ']') depth++;
    else if (c === '(' || c === '{' || c === '[') {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (c === '[') return false;
      let j = i - 1;
      while (j >= ls && (text[j] === ' ' || text[j] === '\t')) j--;
      if (c === '(') return j >= ls && /[\w$]/.test(text[j]);
      if (j < ls) return previousLineOpensCall(line);
      return text[j] === '(' && j > ls && /[\w$\s]/.test(text[j - 1]);
    }
  }
  return previousLineOpensCall(line);
}

function previousLineOpensCall(line: HitLine): boolean {
  const ls = line.ls;
  if (ls === 0) return false;
  const prevStart = line.lookback.linesUp(ls, 1);
  const prevText = line.text.slice(Math.max(prevStart, ls - 2000), ls);
  return /[\w$]\s*\(\s*\{?\s*$/.test(prevText);
}
