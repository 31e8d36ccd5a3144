// What each rule is and how to fix it, for SARIF rule metadata (code-scanning UIs show it next to
// every result). Data only; the README's rule sections say the same at more length.
import type { RuleId, Severity } from '../engine/types';

export const HOMEPAGE = 'https://github.com/keyward/keyward';

export interface RuleDoc {
  id: RuleId;
  /** PascalCase name, as SARIF viewers expect in `name`. */
  name: string;
  short: string;
  full: string;
  /** Plain-text help: what it is, then how to fix it. */
  help: string;
  /** The same in Markdown. */
  helpMarkdown: string;
  defaultSeverity: Severity;
}

export const RULE_DOCS: readonly RuleDoc[] = [
  {
    id: 'hardcoded-key',
    name: 'HardcodedKey',
    short: 'API key or secret written literally in source or config',
    full:
      'A credential is written literally: a well-known key format (cloud, VCS, payment, AI and messaging providers, PEM private keys) or a high-entropy value in an auth header, SDK option or key-like assignment.',
    help:
      'Anyone who can read this file, its history or a build made from it can use the key. ' +
      'Fix: rotate the key at the provider, then read it from the environment (e.g. process.env.PIONEER_API_KEY, os.environ["PIONEER_API_KEY"]) ' +
      'and keep the value in an ignored .env file or a secrets manager. If the value is not a secret, add a `keyward-ignore` comment on the line.',
    helpMarkdown:
      'A literal credential: anyone who can read this file, its git history or a build made from it can use the key.\n\n' +
      '**Fix**\n\n1. Rotate the key at the provider (it has been exposed).\n' +
      '2. Read it from the environment instead, e.g. `process.env.PIONEER_API_KEY` or `os.environ["PIONEER_API_KEY"]`.\n' +
      '3. Keep the value in an ignored `.env` file or a secrets manager.\n\n' +
      'Not a secret? Add `keyward-ignore` in a comment on the line, or accept it in a baseline (`keyward scan --write-baseline`).',
    defaultSeverity: 'warning',
  },
  {
    id: 'query-string-auth',
    name: 'QueryStringAuth',
    short: 'Credential passed as a URL query parameter',
    full:
      'A credential travels in a URL query string (parameters such as api_key, access_token, token or client_secret) or in a parameter object that becomes one. URLs end up in server logs, proxies, browser history and Referer headers.',
    help:
      'Query strings are logged and cached along the way, so the key leaks even over HTTPS. ' +
      'Fix: send the key in a header (X-API-Key, or Authorization: Bearer) and drop the query parameter.',
    helpMarkdown:
      'Query strings are written to server logs, proxies, browser history and `Referer` headers, so a key placed there leaks even over HTTPS.\n\n' +
      '**Fix**: send the key in a header (`X-API-Key: …` or `Authorization: Bearer …`) and remove the query parameter.',
    defaultSeverity: 'warning',
  },
  {
    id: 'env-not-ignored',
    name: 'EnvNotIgnored',
    short: '.env file that git would not ignore',
    full:
      'A .env or .env.<name> file holding local secrets is not matched by any .gitignore, .git/info/exclude or core.excludesFile rule, so the next `git add .` commits it.',
    help: 'Fix: add the file name (e.g. `.env` or `.env.*` with `!.env.example`) to .gitignore.',
    helpMarkdown:
      'A `.env` file that git would not ignore is one `git add .` away from being committed.\n\n' +
      '**Fix**: add it to `.gitignore` (e.g. `.env` and `.env.*`, with `!.env.example` to keep the template).',
    defaultSeverity: 'warning',
  },
  {
    id: 'env-tracked',
    name: 'EnvTracked',
    short: '.env file already tracked by git',
    full: 'A .env file is in the git index: ignoring it now does not remove it from the index or from history.',
    help:
      'Fix: run `git rm --cached <file>` (the file stays on disk), add it to .gitignore, commit, ' +
      'and rotate every key it held: they are in the history.',
    helpMarkdown:
      'The file is in the git index; adding it to `.gitignore` now changes nothing for it.\n\n' +
      '**Fix**\n\n1. `git rm --cached <file>` (the file stays on disk).\n2. Add it to `.gitignore` and commit.\n' +
      '3. Rotate every key it held: they remain in the history.',
    defaultSeverity: 'error',
  },
];

export function ruleHelpUri(id: RuleId): string {
  return `${HOMEPAGE}#rule-${id}`;
}
