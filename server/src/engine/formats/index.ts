// Catalogue of well-known key formats, grouped by family. Data only: the engine (scan.ts) runs each
// format's regex where one of its keywords occurs, then entropy / placeholder / validate.
//
// Contract of an entry (see KeyFormat in ../types):
// - keywords: lower-case; at least one occurs in the (lower-cased) line whenever the format can match.
//   For context formats the keyword is the provider's name, which validate() requires on the line.
// - pattern: bounded quantifiers only; secret in the named group `secret`; token edges guarded so a
//   longer word or base64 run never yields a match from its middle.
// - requiresContext: the shape alone is ambiguous. validate() already demands the provider's name on
//   the same line; the engine may additionally require a key-like name, header or SDK option.
// - validate(secret, lineText): checksums (GitHub, npm), known documentation keys, context words.
import type { KeyFormat } from '../types';
import { AI_FORMATS } from './ai';
import { CLOUD_FORMATS } from './cloud';
import { DEVTOOLS_FORMATS } from './devtools';
import { MESSAGING_FORMATS } from './messaging';
import { OBSERVABILITY_FORMATS } from './observability';
import { PAYMENT_FORMATS } from './payments';
import { PRODUCT_FORMATS } from './product';
import { REGISTRY_FORMATS } from './registries';
import { SAAS_FORMATS } from './saas';
import { VAULT_FORMATS } from './vaults';
import { VCS_FORMATS } from './vcs';

export const KEY_FORMATS: readonly KeyFormat[] = [
  ...PRODUCT_FORMATS,
  ...VCS_FORMATS,
  ...CLOUD_FORMATS,
  ...PAYMENT_FORMATS,
  ...AI_FORMATS,
  ...MESSAGING_FORMATS,
  ...REGISTRY_FORMATS,
  ...VAULT_FORMATS,
  ...OBSERVABILITY_FORMATS,
  ...DEVTOOLS_FORMATS,
  ...SAAS_FORMATS,
];

const byId = new Map(KEY_FORMATS.map((f) => [f.id, f]));

/** The format with this id, if any. */
export function formatById(id: string): KeyFormat | undefined {
  return byId.get(id);
}

export { acceptSecret, formatRegExp, keywordHit, matchFormat } from './match';
export type { FormatMatch } from './match';
export { entropy, failsTokenChecksum, isPlaceholder } from './shape';
