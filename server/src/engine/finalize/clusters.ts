// Overlapping hardcoded-key candidates are one secret: cluster them and keep the most specific
// detector that holds up, with the context candidate (the name it was assigned to) beside it.
import type { CompiledProvider } from '../attribution';
import type { Candidate } from '../candidate';
import type { WindowAttribution } from './windowAttribution';

const CREDENTIAL_WORD = /key|token|secret|auth|bearer|pass|credential|pwd/i;

export interface Chosen {
  best: Candidate;
  /** The context candidate of the cluster, when it is not `best` itself. */
  ctx?: Candidate;
  /** The provider the context names, for formats that need one. */
  providerFromContext?: CompiledProvider;
}

/** One chosen candidate per cluster of overlapping hardcoded-key candidates, in start order. */
export function chooseKeys(cands: Candidate[], attribution: WindowAttribution): Chosen[] {
  const keys = cands.filter((c) => c.rule === 'hardcoded-key').sort((a, b) => a.start - b.start || b.priority - a.priority);
  const chosen: Chosen[] = [];
  for (let i = 0; i < keys.length; ) {
    let j = i + 1;
    let clusterEnd = keys[i].end;
    while (j < keys.length && keys[j].start < clusterEnd) clusterEnd = Math.max(clusterEnd, keys[j++].end);
    const cluster = keys.slice(i, j).sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start));
    i = j;
    const pick = bestOf(cluster, attribution);
    if (pick) chosen.push(pick);
  }
  return chosen;
}

/** The first candidate of a cluster (best first) that holds up. */
function bestOf(cluster: Candidate[], attribution: WindowAttribution): Chosen | undefined {
  const ctx = cluster.find((c) => c.priority === 1);
  for (const c of cluster) {
    const f = c.run?.format;
    // requiresContext formats with a validator check their provider context on the line themselves.
    if (f?.requiresContext && !f.validate && !ctx) {
      const snip = attribution.lineSnippet(c);
      const around = snip.replace(c.secret, ' ');
      if (!CREDENTIAL_WORD.test(around) && !attribution.of(c)) continue;
    }
    if (c.run?.needsProvider) {
      const a = attribution.of(c, ctx?.name);
      if (!a || a.provider.entry.id !== c.run.needsProvider) continue;
      return { best: c, ctx, providerFromContext: a.provider };
    }
    return { best: c, ctx: ctx && ctx !== c ? ctx : undefined };
  }
  return undefined;
}
