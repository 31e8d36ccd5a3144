// Which of your keys a leaked literal is, and whether it may be used to revoke anything. A full
// stored value decides by hash; last digits or a preview only nominate, and the literal must then
// prove itself live with a read-only request made with the literal itself (Pioneer: its key list)
// before a revocation is offered. Several matches or none: the user picks; a dead literal revokes
// nothing. No vscode import: tested against the loopback provider server.
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../api/errors';
import type { KeyInfo, KeyList } from '../api/types';
import type { AccountRef } from './model';

export interface KeyMatch {
  key?: KeyInfo;
  /** Why there is no single match (none, or several). */
  reason?: string;
}

const MASK = /[*\u2022\u2026]+|\.{3,}|x{4,}/;

/** Does a masked preview such as `pio_sk_ab…wxyz` or `pk_****abcd` fit the secret? */
function previewFits(preview: string, secret: string): boolean {
  const parts = preview.split(MASK);
  if (parts.length === 1) return preview.length >= 6 && secret.startsWith(preview);
  const head = parts[0];
  const tail = parts[parts.length - 1];
  if (head.length + tail.length < 4) return false;
  return secret.startsWith(head) && secret.endsWith(tail) && secret.length >= head.length + tail.length;
}

/** What of a listed key fits the secret: its last digits, its preview, or nothing. */
export function partialFit(k: KeyInfo, secret: string): 'last digits' | 'preview' | undefined {
  if (k.lastDigits && k.lastDigits.length >= 4 && secret.endsWith(k.lastDigits)) return 'last digits';
  if (k.preview && previewFits(k.preview, secret)) return 'preview';
  return undefined;
}

/** Finds the listed key a secret belongs to, by last digits or masked preview (a nomination, not proof). */
export function matchKeyForSecret(list: readonly KeyInfo[], secret: string): KeyMatch {
  const s = secret.trim();
  if (!s) return { reason: 'The secret is empty.' };
  const comparable = list.filter((k) => (k.lastDigits && k.lastDigits.length >= 4) || k.preview);
  if (!comparable.length) return { reason: 'The provider lists no last digits or previews, so the key cannot be matched automatically; pick it by name.' };
  const hits = comparable.filter((k) => partialFit(k, s));
  if (hits.length === 1) return { key: hits[0] };
  if (!hits.length) return { reason: 'No listed key has the same last digits or preview: it may belong to another account or be revoked already.' };
  return { reason: `Ambiguous: ${hits.length} keys match (${hits.map((k) => k.name || k.id).join(', ')}); pick one by name.` };
}

export function findKeyForSecret(list: readonly KeyInfo[], secret: string): KeyInfo | undefined {
  return matchKeyForSecret(list, secret).key;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Full-value equality without comparing the secrets themselves byte by byte in variable time. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** One signed-in account as the leak matcher sees it. */
export interface LeakAccount {
  ref: AccountRef;
  /** The account's key list (last digits / previews). */
  keys: readonly KeyInfo[];
  /** Id of the listed key the account is signed in with, when known. */
  ownKeyId?: string;
  /** Full values kept in Secret Storage: the signed-in key (own) and keys keyward created. */
  stored: readonly { keyId?: string; secret: string; own: boolean }[];
}

export type MatchedBy = 'full value (stored key)' | 'full value (signed-in key)' | 'last digits' | 'preview' | 'your choice';

export interface LeakCandidate {
  ref: AccountRef;
  /** The listed key; absent when only the signed-in value matched and the list does not show it. */
  key?: KeyInfo;
  own: boolean;
  matchedBy: MatchedBy;
}

/** Candidates for the literal: exact hash matches decide alone; else every partial match. */
export function leakCandidates(accounts: readonly LeakAccount[], literal: string): LeakCandidate[] {
  const s = literal.trim();
  if (!s) return [];
  const exact: LeakCandidate[] = [];
  for (const a of accounts) {
    for (const v of a.stored) {
      if (!sameSecret(v.secret, s)) continue;
      const keyId = v.keyId ?? (v.own ? a.ownKeyId : undefined);
      exact.push({ ref: a.ref, key: a.keys.find((k) => k.id === keyId), own: v.own, matchedBy: v.own ? 'full value (signed-in key)' : 'full value (stored key)' });
    }
  }
  if (exact.length) return exact;
  const partial: LeakCandidate[] = [];
  for (const a of accounts) {
    for (const k of a.keys) {
      const by = partialFit(k, s);
      if (by) partial.push({ ref: a.ref, key: k, own: k.id === a.ownKeyId, matchedBy: by });
    }
  }
  return partial;
}

/** What the literal's own read-only request said. */
export type Liveness =
  | { state: 'live'; /** Ids the literal's own key list shows (its account's keys), when it could list. */ keyIds?: ReadonlySet<string> }
  | { state: 'dead'; reason: string }
  | { state: 'unknown'; reason: string };

/**
 * Asks the provider with the literal itself (a read-only request: Pioneer's key list). 401 means
 * the literal is not a working key; 403 means it authenticated but may not list; anything else
 * (network, 5xx, a malformed answer) leaves liveness unknown.
 */
export async function checkLiteralLive(listWithLiteral: () => Promise<KeyList>): Promise<Liveness> {
  try {
    const list = await listWithLiteral();
    return { state: 'live', keyIds: new Set(list.keys.map((k) => k.id)) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return { state: 'dead', reason: 'the provider does not accept it (401): it is revoked already or was never a real key' };
    if (err instanceof ApiError && err.status === 403) return { state: 'live' };
    const why = err instanceof ApiError ? `${err.status || 'network'}: ${err.message}` : err instanceof Error ? err.message : String(err);
    return { state: 'unknown', reason: `keyward could not ask the provider (${why.slice(0, 200)})` };
  }
}

export type LeakDecision =
  /** One candidate survived: confirm with a dialog naming it and what matched, then rotate. */
  | { action: 'confirm'; candidate: LeakCandidate }
  /** Several or none: ask which key (from `choices`), never guess. */
  | { action: 'ask'; choices: LeakCandidate[]; reason: string }
  /** Dead or unverifiable literal: move it out of the code, revoke nothing. */
  | { action: 'move-only'; reason: string };

/**
 * Puts the matches and the literal's liveness together. A live literal that could list keys also
 * narrows the candidates to keys of its own account: a live look-alike from another account
 * (same last digits) never nominates your key.
 */
export function decideLeak(accounts: readonly LeakAccount[], candidates: readonly LeakCandidate[], live: Liveness): LeakDecision {
  if (live.state === 'dead') return { action: 'move-only', reason: `The literal is not a live key (${live.reason}); it is moved out of the code and nothing is revoked.` };
  if (live.state === 'unknown') return { action: 'move-only', reason: `${live.reason}, so it was not checked that the literal is a live key; it is moved out of the code and nothing is revoked.` };
  const inLiteralsAccount = (c: LeakCandidate) => !live.keyIds || !c.key || live.keyIds.has(c.key.id);
  const fitting = candidates.filter(inLiteralsAccount);
  if (fitting.length === 1) return { action: 'confirm', candidate: fitting[0] };
  // The choices: keys the literal's account lists (when it could list), else every listed key.
  const choices: LeakCandidate[] = [];
  for (const a of accounts) {
    for (const k of a.keys) {
      if (live.keyIds && !live.keyIds.has(k.id)) continue;
      choices.push({ ref: a.ref, key: k, own: k.id === a.ownKeyId, matchedBy: 'your choice' });
    }
  }
  const reason = fitting.length
    ? `it fits ${fitting.length} keys (${fitting.map((c) => c.key?.name || c.key?.id || c.ref.account).join(', ')})`
    : candidates.length
      ? 'the keys it resembles are not in the account the literal belongs to'
      : 'no listed key has its last digits or preview';
  return { action: 'ask', choices, reason };
}

/** The confirmation text: which key, and what matched (never the secret). */
export function describeMatch(c: LeakCandidate, providerName: string): string {
  const key = c.key ? `"${c.key.name || c.key.id}"` : 'the key you are signed in with';
  const how =
    c.matchedBy === 'your choice'
      ? 'you picked it'
      : c.matchedBy.startsWith('full value')
        ? `its full value equals the ${c.matchedBy === 'full value (signed-in key)' ? 'signed-in key' : 'key stored in Secret Storage'}`
        : `its ${c.matchedBy} match, and the provider accepted the literal itself`;
  return `The leaked literal is ${providerName} key ${key} in account ${c.ref.account}: ${how}.`;
}
