// A candidate: one detector's reading of a possible secret (collect/ makes them, finalize/ judges them).
import type { RunFormat } from './rules/formats';
import type { ContextKind, RuleId } from './types';

export interface Candidate {
  rule: RuleId;
  /** Offsets of the secret (hardcoded-key) or of `name=value` (query-string-auth). */
  start: number;
  end: number;
  /** The secret, or for query-string-auth the parameter's value text (may be a variable). */
  secret: string;
  kind: ContextKind;
  name?: string;
  quote?: string;
  literalStart?: number;
  literalEnd?: number;
  run?: RunFormat;
  /** Higher wins when candidates overlap: PEM 4, catalogue format 3, provider shape 2, context 1. */
  priority: number;
  param?: string;
  valueIsLiteral?: boolean;
  pemLabel?: string;
  /** Provider known from the detector itself (its SDK constructor). */
  providerId?: string;
}

/** The quoted literal a candidate stands in, when there is one. */
export type LiteralBounds = Pick<Candidate, 'quote' | 'literalStart' | 'literalEnd'>;
