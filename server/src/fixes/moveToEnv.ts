// "Move key to environment variable": replaces the secret in the source with the language's env
// lookup, keeping the rest of the string, its quoting and the statement valid. The per-language
// rewrites live in ./rewrite (./rewrite/table picks one per family); this module assembles the plan.
import { envLookup } from './envLookup';
import { classifyFile } from '../../../shared/languages';
import { findLiteral } from './literal';
import { un } from './rewrite/common';
import { planNotebookMove } from './rewrite/notebook';
import { REWRITERS } from './rewrite/table';
import type { Ctx, MoveInput } from './rewrite/types';
import { edit, lineStarts } from './text';
import type { MovePlan, Unsupported } from './types';

export type { MoveInput };

export function planMoveToEnv(input: MoveInput): MovePlan | Unsupported {
  const { text, finding } = input;
  // The scan classified the file; classify here only for a finding built without a scan.
  const family = finding.family ?? classifyFile(input.filePath, input.languageId);
  if (family === 'notebook') return planNotebookMove(input, planMoveToEnv);
  const lookup = envLookup({ ...input, family });
  if ('unsupported' in lookup) return lookup;
  const s = finding.offset;
  const e = finding.offset + finding.length;
  if (!(s >= 0 && e <= text.length && e > s)) return un('The finding no longer matches the document; re-run the scan.');
  const value = text.slice(s, e);
  if (finding.context?.kind === 'private-key' || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value) || /[\r\n]/.test(value)) {
    return un('Private keys and multi-line secrets belong in a file outside the repository: load it from a path given by an environment variable.');
  }
  if (value.includes('\\')) return un('The key contains escape sequences: move it by hand so its value stays exact.');
  const rewrite = REWRITERS[lookup.family];
  if (!rewrite) return un('keyward does not know how this file type reads environment variables.');
  const lit = findLiteral(text, lookup.family, finding);
  if (lit === 'multiline') return un('The key sits in a string that spans several lines: move it by hand.');
  const ctx: Ctx = { text, family: lookup.family, lit: lit === 'unquoted' ? undefined : lit, s, e, lookup, input };
  if (ctx.lit) {
    const pre = text.slice(ctx.lit.contentStart, s);
    if (/(^|[^\\])(\\\\)*\\$/.test(pre)) return un('The key follows an escape sequence: move it by hand.');
  }
  const r = rewrite(ctx);
  if ('unsupported' in r) return r;
  const starts = lineStarts(text);
  const edits = [edit(text, r.start, r.end, r.newText, starts), ...(r.extra ?? []), ...lookup.edits];
  const note = [lookup.note, r.note].filter(Boolean).join(' ') || undefined;
  return { edits, value, name: r.name ?? lookup.name, destination: lookup.destination, ...(note ? { note } : {}) };
}
