// "Fix all in file": every key moved to an env var (query-string credentials to headers) in one set
// of non-overlapping edits, with one env name per distinct value.
import type { Finding } from '../engine/types';
import { BUILTIN_PROVIDERS } from '../../../shared/providers/builtin';
import type { ProviderEntry } from '../../../shared/providers/types';
import { envNameFor } from './envName';
import { planMoveToEnv } from './moveToEnv';
import { planQueryToHeader } from './queryToHeader';
import { editsOverlap, sameEdit } from './text';
import type { EnvDestination, TextEdit } from './types';

export interface FixAllPlan {
  /** Edits to the source file, sorted, never overlapping. */
  edits: TextEdit[];
  /** Values to store, one per distinct secret (feed to planEnvEntries / repository secrets). */
  entries: { name: string; value: string; destination: EnvDestination }[];
  /** Findings left alone, with the reason (unsupported shape, or an overlap: run the fix again). */
  skipped: { finding: Finding; reason: string }[];
  notes: string[];
}

/**
 * `existingEnv`: the target .env as name -> value (names holding the same value are reused, others
 * avoided), or just the names already in use.
 */
export function planFixAll(
  text: string,
  languageId: string,
  filePath: string,
  findings: readonly Finding[],
  existingEnv: ReadonlyMap<string, string> | Iterable<string> = [],
  providers: readonly ProviderEntry[] = BUILTIN_PROVIDERS,
): FixAllPlan {
  const existing: ReadonlyMap<string, string> | Set<string> = existingEnv instanceof Map ? existingEnv : new Set(existingEnv as Iterable<string>);
  const batch = new Map<string, string>(); // name -> value chosen in this run
  const byValue = new Map<string, string>();
  const nameFor = (f: Finding, value: string): string => {
    const known = byValue.get(value);
    if (known) return known;
    const base = envNameFor(f, [], providers);
    let name = base;
    for (let n = 2; ; n++) {
      const inBatch = batch.get(name);
      const free = existing instanceof Map ? !existing.has(name) || existing.get(name) === value : !existing.has(name);
      if (inBatch === value || (inBatch === undefined && free)) break;
      name = `${base}_${n}`;
    }
    return name;
  };

  const accepted: TextEdit[] = [];
  const plan: FixAllPlan = { edits: accepted, entries: [], skipped: [], notes: [] };
  const take = (f: Finding, edits: TextEdit[], entry?: { name: string; value: string; destination: EnvDestination }, note?: string): void => {
    const fresh = edits.filter((e) => !accepted.some((a) => sameEdit(a, e)));
    if (fresh.some((e) => accepted.some((a) => editsOverlap(a, e)))) {
      plan.skipped.push({ finding: f, reason: 'Overlaps another fix in this file: run the fix again afterwards.' });
      return;
    }
    accepted.push(...fresh);
    if (entry && !plan.entries.some((x) => x.name === entry.name)) plan.entries.push(entry);
    if (entry) {
      batch.set(entry.name, entry.value);
      byValue.set(entry.value, entry.name);
    }
    if (note && !plan.notes.includes(note)) plan.notes.push(note);
  };

  // Query-string credentials first: their fix also takes a literal key out of the URL.
  const ordered = [...findings].sort((a, b) => (a.ruleId === b.ruleId ? a.offset - b.offset : a.ruleId === 'query-string-auth' ? -1 : 1));
  const covered = (f: Finding) => accepted.some((e) => e.newText === '' && editsOverlap(e, { range: f.range, newText: 'x' }));
  for (const f of ordered) {
    if (f.ruleId === 'query-string-auth') {
      const value = f.valueIsLiteral ? text.slice(f.offset + (f.param?.length ?? 0) + 1, f.offset + f.length) : '';
      const p = planQueryToHeader({ text, languageId, filePath, finding: f, name: f.valueIsLiteral ? nameFor(f, value) : undefined, providers });
      if ('unsupported' in p) plan.skipped.push({ finding: f, reason: p.unsupported });
      else take(f, p.edits, p.value !== undefined && p.name ? { name: p.name, value: p.value, destination: p.destination ?? 'env-file' } : undefined);
    } else if (f.ruleId === 'hardcoded-key') {
      // Already removed from the code by a query-string fix above.
      if (covered(f)) continue;
      const value = text.slice(f.offset, f.offset + f.length);
      const p = planMoveToEnv({ text, languageId, filePath, finding: f, name: nameFor(f, value) });
      if ('unsupported' in p) plan.skipped.push({ finding: f, reason: p.unsupported });
      else take(f, p.edits, { name: p.name, value: p.value, destination: p.destination }, p.note);
    }
  }
  accepted.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return plan;
}
