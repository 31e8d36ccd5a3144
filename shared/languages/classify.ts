// The ONE file classifier: path (+ the editor's language id) -> family, and the family's row.
import { baseName } from './envNames';
import { LANGUAGES, type Family, type LanguageEntry } from './table';

const BY_FAMILY = new Map<Family, LanguageEntry>(LANGUAGES.map((e) => [e.family, e]));
const BY_ID = new Map<string, Family>();
const BY_EXTENSION = new Map<string, Family>();
for (const e of LANGUAGES) {
  for (const id of e.ids) BY_ID.set(id, e.family);
  for (const ext of e.extensions) BY_EXTENSION.set(ext, e.family);
}
const NAMED = LANGUAGES.filter((e) => e.files?.length || e.paths?.length);

/** The row of a family (every family has exactly one). */
export function languageOf(family: Family): LanguageEntry {
  return BY_FAMILY.get(family)!;
}

function namedFamily(path: string, base: string): Family | undefined {
  for (const e of NAMED) {
    if (e.paths?.some((re) => re.test(path))) return e.family;
    if (e.files?.some((t) => (typeof t === 'function' ? t(base) : t.test(base)))) return e.family;
  }
  return undefined;
}

/**
 * The family of a file. One precedence rule:
 *
 * 1. A file name or path the table names (`.env`, `.env.example`, Compose files, workflows,
 *    `Dockerfile`, `.npmrc`, notebooks, Spring config, `tsconfig.json`...) wins. Editors give such
 *    files generic ids (`yaml`, `json`, `plaintext`) or ids that depend on which extensions are
 *    installed (`.env` is `dotenv`, `properties`, `shellscript` or `plaintext`), and none of them
 *    tells a Compose file from plain YAML; the name is what the tool that runs the file goes by.
 * 2. Otherwise a known language id wins: it is what the editor or the user says the content is
 *    (untitled buffers, `files.associations`, a `.txt` set to Python).
 * 3. Otherwise the extension; otherwise 'plaintext'.
 *
 * A `.env*`-named program (`.env.ts`, `.env.js`, `.env.d.ts`) matches no name in step 1 (see
 * envNames.ts), so it is classified by its id or extension and scanned as code.
 */
export function classifyFile(filePath: string, languageId?: string): Family {
  const path = filePath.replace(/\\/g, '/');
  const base = baseName(path).toLowerCase();
  const named = namedFamily(path, base);
  if (named) return named;
  const byId = languageId ? BY_ID.get(languageId.toLowerCase()) : undefined;
  if (byId) return byId;
  const dot = base.lastIndexOf('.');
  return (dot >= 0 && BY_EXTENSION.get(base.slice(dot + 1))) || 'plaintext';
}

/** TypeScript flavours, where a non-null assertion keeps `string`-typed call sites compiling. */
export function isTypeScript(languageId: string | undefined, filePath: string): boolean {
  if (languageId === 'typescript' || languageId === 'typescriptreact') return true;
  return /\.(ts|tsx|mts|cts)$/i.test(filePath) && !/\.d\.ts$/i.test(filePath);
}

/** The family's fixed env-lookup expression for variable `name`, when the table has one. */
export function envLookupTemplate(family: Family, name: string): string | undefined {
  return languageOf(family).envLookup?.split('@NAME@').join(name);
}
