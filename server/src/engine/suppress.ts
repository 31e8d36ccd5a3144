// Inline suppressions in any comment syntax: `// keyward-ignore`, `# keyward-ignore`, `/* … */`,
// `<!-- … -->`, `-- …`, `; …`, `' …`, `REM …`, optionally limited to rules: `keyward-ignore query-string-auth`.
import type { RuleId } from './types';
import { RULE_IDS } from './types';

const SAME_LINE = /(?:\/\/|#|\/\*|<!--|--|;|%|'|\bREM\b)[ \t]*keyward-ignore(?!-)((?:[ \t,]+[\w-]+){0,4})/i;
const NEXT_LINE = /(?:\/\/|#|\/\*|<!--|--|;|%|'|\bREM\b)[ \t]*keyward-ignore-next-line((?:[ \t,]+[\w-]+){0,4})/i;

function ruleMatches(list: string | undefined, rule: RuleId): boolean {
  const ids = (list ?? '').split(/[ \t,]+/).filter((w) => (RULE_IDS as readonly string[]).includes(w));
  // Words that are not rule ids are a reason ("keyward-ignore test fixture"): the comment covers every rule.
  return ids.length === 0 || ids.includes(rule);
}

/** Whether a finding of `rule` starting on `lineText` (with `prevLineText` above it) is suppressed. */
export function isSuppressed(rule: RuleId, lineText: string, prevLineText: string | undefined): boolean {
  if (lineText.includes('keyward-ignore')) {
    const m = SAME_LINE.exec(lineText);
    if (m && ruleMatches(m[1], rule)) return true;
  }
  if (prevLineText && prevLineText.includes('keyward-ignore-next-line')) {
    const m = NEXT_LINE.exec(prevLineText);
    if (m && ruleMatches(m[1], rule)) return true;
  }
  return false;
}
