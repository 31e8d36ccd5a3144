// Stable finding identity for baselines: independent of line numbers, so moving code keeps a
// baselined finding baselined; the secret enters only through its own sha256. These identities
// stay in the process: what leaves it is keyed or slowed (below).
import { createHash, createHmac, randomBytes, scrypt } from 'node:crypto';

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** Forward slashes and no leading "./" so the same file hashes the same on every OS. */
export function normalisePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** A hardcoded secret: rule + file + sha256(secret). */
export function secretFingerprint(ruleId: string, path: string, secret: string): string {
  return sha256(`${ruleId}\0${normalisePath(path)}\0${sha256(secret)}`);
}

/** A query parameter (its value may be a variable): rule + file + parameter name + the line, whitespace-normalised. */
export function paramFingerprint(ruleId: string, path: string, param: string, lineText: string): string {
  const line = lineText.trim().replace(/\s+/g, ' ');
  return sha256(`${ruleId}\0${normalisePath(path)}\0${param.toLowerCase()}\0${sha256(line)}`);
}

// ---------------------------------------------------------------------------------------------
// Fingerprints that leave the machine (baselines, JSON, SARIF). The identities above are fast
// hashes of the secret: anyone holding one could confirm a guess of a low-entropy secret offline
// (hash "hunter2", compare). So what is written out is never the identity itself but:
//   keyed:  HMAC-SHA256(salt, "keyward-fingerprint/v2\0" + identity), the salt being 32 random
//           bytes kept in the repository's baseline (created with it, kept when it is rewritten).
//           Without the baseline a fingerprint confirms nothing; with it, the same commit gives
//           the same fingerprints on every CI run.
//   slow:   with no baseline to take a salt from, scrypt(identity, fixed salt, N=2^14, r=8, p=1):
//           still stable everywhere with no state, and each guess costs ~16 MiB and tens of ms.
// A baseline of version 1 holds bare identities: it is still matched, and rewritten as version 2
// (each identity keyed with a new salt) the next time keyward writes it.
// ---------------------------------------------------------------------------------------------
const KEYED_DOMAIN = 'keyward-fingerprint/v2\0';
const SLOW_SALT = 'keyward-fingerprint/v2/scrypt';
/** Fixed for ever: changing any of them changes every fingerprint. */
export const SLOW_PARAMS = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** 32 random bytes as hex: the salt of a new baseline. */
export function newFingerprintSalt(): string {
  return randomBytes(32).toString('hex');
}

/** The fingerprint written out for a finding's in-process identity, keyed with a baseline's salt. */
export function keyedFingerprint(saltHex: string, identity: string): string {
  return createHmac('sha256', Buffer.from(saltHex, 'hex')).update(KEYED_DOMAIN + identity.toLowerCase(), 'utf8').digest('hex');
}

/** The fingerprint written out when no salt exists: a memory-hard KDF of the identity. */
export function slowFingerprint(identity: string): Promise<string> {
  return new Promise((resolve, reject) =>
    scrypt(identity.toLowerCase(), SLOW_SALT, 32, SLOW_PARAMS, (err, key) => (err ? reject(err) : resolve(key.toString('hex')))),
  );
}
