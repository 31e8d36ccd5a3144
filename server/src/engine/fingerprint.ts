// Stable finding identity for baselines: independent of line numbers, so moving code keeps a
// baselined finding baselined; the secret enters only through its own sha256.
import { createHash } from 'node:crypto';

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
