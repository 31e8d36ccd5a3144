// Checks one user-supplied regex (extraKeyNames, customKeyFormats[].pattern) before it reaches the engine.
import { checkUserPattern as checkPatternSafety } from '../../../shared/userPatterns';

const MAX_PATTERN_LENGTH = 512;

/**
 * Undefined when the pattern may be used; otherwise why not. A key format's pattern is also
 * compiled the way the engine runs it (inside a `secret` group), so a clash fails here, with the
 * file and field named, and not on every scanned file.
 */
export function checkUserPattern(src: string, opts: { keyFormat?: boolean } = {}): string | undefined {
  if (src.length > MAX_PATTERN_LENGTH) return `is ${src.length} characters long; at most ${MAX_PATTERN_LENGTH}`;
  let re: RegExp;
  try {
    re = new RegExp(src, 'i');
  } catch (err) {
    return `is not a valid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  if (re.test('')) return 'matches the empty string, so it would match everywhere';
  if (opts.keyFormat) {
    try {
      new RegExp(`(?<secret>${src})`, 'dg');
    } catch (err) {
      return `cannot be used as a key format: ${(err as Error).message.replace(/^Invalid regular expression: /, '')} (named groups are reserved)`;
    }
  }
  // The same structural ReDoS check the editor settings get: a repository's pattern runs on
  // every file, so one that can backtrack catastrophically ("(a+)+b") is refused here.
  const safe = checkPatternSafety(src, 'i');
  return safe.ok ? undefined : safe.reason;
}
