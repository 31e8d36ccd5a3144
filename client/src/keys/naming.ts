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
