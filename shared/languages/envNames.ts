// Which `.env`-style file names hold local secrets and which are committed templates: the ONE check
// the engine, the fixes, envfiles and the client all call. Data, not code paths: adjust the lists.

/**
 * Dot-separated words that make `.env.<words>` a file meant to be committed: templates and
 * documentation of the variables (`.env.example`), defaults shared by the team (dotenv-defaults'
 * `.env.defaults`), schemas (dotenv-extended's `.env.schema`) and dotenv-vault's `.env.vault`,
 * which is encrypted and documented as safe to commit. Any word counts, so `.env.local.example`
 * and `.env.example.local` are templates too.
 */
export const TEMPLATE_WORDS: ReadonlySet<string> = new Set([
  'example', 'examples', 'sample', 'samples', 'template', 'templates', 'tpl', 'tmpl', 'dist',
  'defaults', 'default', 'schema', 'vault', 'skeleton', 'stub', 'placeholder',
]);

/**
 * Final extensions that make `.env.<x>` a program or a document rather than a dotenv file:
 * `.env.ts` (typed env loaders), `.env.d.ts`, `.env.mjs`, `.env.md`... and editor swap files,
 * which come and go while `.env` is open and would only flicker as diagnostics. Such a file is
 * classified by its extension and scanned as code.
 */
export const NOT_DOTENV_EXTENSIONS: ReadonlySet<string> = new Set([
  'ts', 'mts', 'cts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'kts',
  'swift', 'php', 'cs', 'fs', 'dart', 'lua', 'ex', 'exs', 'scala', 'clj', 'vue', 'svelte', 'astro',
  'md', 'mdx', 'rst', 'adoc', 'swp', 'swo', 'swx',
]);

/** `example.env`, `sample.env`: the other spelling of a template some projects use. */
const TEMPLATE_PREFIX_RE = /^(?:example|sample|template)\.env$/;

export function baseName(filePath: string): string {
  const i = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  return filePath.slice(i + 1);
}

/** The dot-words after `.env.`, or undefined when `name` is not a well-formed `.env.<words>` name. */
function envWords(name: string): string[] | undefined {
  if (!name.startsWith('.env.')) return undefined;
  const words = name.slice('.env.'.length).split('.');
  if (words.some((w) => w.length === 0)) return undefined; // `.env.`, `.env..x`: not a real name
  if (NOT_DOTENV_EXTENSIONS.has(words[words.length - 1])) return undefined; // `.env.ts` is code
  return words;
}

/**
 * A committed env template: `.env.example`, `.env.sample`, `.env.template`, `.env.dist`,
 * `.env.local.example`, `example.env`... Keys found in one are leaks (it is committed by design),
 * and the "move to env" fix empties the value there instead of rewriting code. `.env.example.ts`
 * is code, not a template. Takes a base name or a path; case-insensitive.
 */
export function isEnvTemplateName(fileNameOrPath: string): boolean {
  const name = baseName(fileNameOrPath).toLowerCase();
  if (TEMPLATE_PREFIX_RE.test(name)) return true;
  return envWords(name)?.some((w) => TEMPLATE_WORDS.has(w)) ?? false;
}

/**
 * `.env` and `.env.<name>` (`.env.local`, `.env.production`, `.env.development.local`, `.env.keys`,
 * `.env.bak`...) are secret files, the right home for keys (the engine does not report keys in
 * them; committing one is the env-tracked rule's business). Templates, code (`.env.ts`) and
 * `.envrc` are not: direnv's `.envrc` is a shell script that teams commit on purpose, so a key in
 * it is caught like in any other script. Case-insensitive because `.ENV` is loaded by the same
 * tools on case-insensitive file systems. Takes a base name or a path.
 */
export function isEnvFileName(fileNameOrPath: string): boolean {
  const name = baseName(fileNameOrPath).toLowerCase();
  if (name === '.env') return true;
  const words = envWords(name);
  return words !== undefined && !words.some((w) => TEMPLATE_WORDS.has(w));
}
