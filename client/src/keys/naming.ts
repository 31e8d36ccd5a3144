// Small pure decisions about key identities: which listed key a create response describes, and
// the name a rotation gives the replacement.
import { randomUUID } from 'node:crypto';
import type { CreatedKey, KeyInfo } from '../api/types';

/** Which listed key a create response describes: by last digits, else the only one with its name (and date). */
export function matchCreated(keys: readonly KeyInfo[], created: CreatedKey): string | undefined {
  const byDigits = keys.filter((x) => x.lastDigits && x.lastDigits.length >= 4 && created.secret.endsWith(x.lastDigits));
  if (byDigits.length === 1) return byDigits[0].id;
  const named = keys.filter((x) => x.name === created.name && (!created.createdAt || !x.createdAt || x.createdAt === created.createdAt));
  return named.length === 1 ? named[0].id : undefined;
}

/** A replacement name that is unique (a rollback finds the new key by it) and at most 64 characters. */
export function rotatedName(oldName: string | undefined, now = new Date(), tag = randomUUID().slice(0, 6)): string {
  const base = (oldName || 'key').trim().slice(0, 38) || 'key';
  return `${base}-rotated-${now.toISOString().slice(0, 10)}-${tag}`;
}

/** A key name the providers accept: non-empty, ≤ 64 chars, no control characters. Returns the problem. */
export function validateKeyName(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter a name, e.g. "backend-prod".';
  if (trimmed.length > 64) return `At most 64 characters (this one has ${trimmed.length}).`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'The name cannot contain control characters.';
  return undefined;
}

/** Account labels become part of SecretStorage slot names: keep them simple. */
export function validateAccountLabel(label: string): string | undefined {
  if (!label.trim()) return 'Enter a label, e.g. "default" or "work".';
  if (!/^[A-Za-z0-9][A-Za-z0-9 _.@-]{0,39}$/.test(label.trim())) return 'Use up to 40 letters, digits, spaces, "_", ".", "@" or "-".';
  return undefined;
}
