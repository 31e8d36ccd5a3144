// The trust boundary as data: what a repository's .keyward.json may set, and the fields it may
// never set because they decide where keys are sent. The loader, the schema and SECURITY.md follow it.
import { RULE_IDS } from '../engine/types';

/** Fields a repository may set (top level of the file). */
export const REPOSITORY_FIELDS = ['$schema', 'rules', 'exclude', 'extraKeyNames', 'customKeyFormats', 'testPaths'] as const;

/** Fields of one customKeyFormats entry: detection data only. */
export const KEY_FORMAT_FIELDS = ['id', 'name', 'pattern', 'envVar', 'hosts', 'headers'] as const;

/** Fields of testPaths. */
export const TEST_PATH_FIELDS = ['demote', 'patterns'] as const;

export const SEVERITY_LEVELS = ['error', 'warning', 'information', 'hint', 'off'] as const;
export { RULE_IDS };

const WHERE_KEYS_GO =
  'decides where keys are sent, which only your user/machine settings or command-line flags may set, never a repository';

/**
 * Names (lower case, without `-`/`_`) a repository may not set, anywhere in the file, with why.
 * Matching ignores case and separators so `baseURL`, `base_url` and `BaseUrl` are all caught.
 */
export const FORBIDDEN_FIELDS: ReadonlyMap<string, string> = new Map([
  ['baseurl', WHERE_KEYS_GO],
  ['url', WHERE_KEYS_GO],
  ['endpoint', WHERE_KEYS_GO],
  ['endpoints', WHERE_KEYS_GO],
  ['verify', WHERE_KEYS_GO],
  ['verification', WHERE_KEYS_GO],
  ['validate', WHERE_KEYS_GO],
  ['management', WHERE_KEYS_GO],
  ['authstyle', WHERE_KEYS_GO],
  ['authheader', WHERE_KEYS_GO],
  ['providers', WHERE_KEYS_GO],
  ['proxy', WHERE_KEYS_GO],
  ['http', WHERE_KEYS_GO],
  ['https', WHERE_KEYS_GO],
  ['tls', WHERE_KEYS_GO],
  ['strictssl', WHERE_KEYS_GO],
  ['proxystrictssl', WHERE_KEYS_GO],
  ['ca', WHERE_KEYS_GO],
  ['cert', WHERE_KEYS_GO],
  ['rejectunauthorized', WHERE_KEYS_GO],
  ['customproviders', `${WHERE_KEYS_GO} (custom providers carry base URLs): use "customKeyFormats" for detection patterns`],
]);

export function forbiddenReason(name: string): string | undefined {
  return FORBIDDEN_FIELDS.get(name.toLowerCase().replace(/[-_]/g, ''));
}

/** Editor settings people paste into the file by habit: a hint instead of a bare "unknown field". */
export const EDITOR_ONLY_FIELDS: ReadonlySet<string> = new Set(['enable', 'maxFileSizeKB', 'debounceMs', 'scanWorkspaceOnStartup', 'trace', 'useRepositoryConfig']);
