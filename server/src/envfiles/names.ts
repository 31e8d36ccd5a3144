// Which file names hold local secrets. Data, not code paths: adjust the lists, not the logic.

/**
 * Suffix words of files that are meant to be committed: templates and documentation of the
 * variables (`.env.example`), defaults shared by the team (dotenv-defaults' `.env.defaults`),
 * schemas (dotenv-extended's `.env.schema`) and dotenv-vault's `.env.vault`, which is encrypted
 * and documented as safe to commit. Any dot-separated word counts, so `.env.local.example` and
 * `.env.example.local` are templates too.
 */
const COMMITTED_WORDS = new Set([
  'example', 'examples', 'sample', 'samples', 'template', 'templates', 'tpl', 'tmpl', 'dist',
  'defaults', 'default', 'schema', 'vault', 'skeleton', 'stub', 'placeholder',
]);

/**
 * Final extensions that make `.env.<x>` a program or a document rather than a dotenv file:
 * `.env.ts` (typed env loaders), `.env.d.ts`, `.env.mjs`, `.env.md`... and editor swap files,
 * which come and go while `.env` is open and would only flicker as diagnostics.
 */
const NOT_DOTENV_EXTENSIONS = new Set([
  'ts', 'mts', 'cts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'kts',
  'swift', 'php', 'cs', 'fs', 'dart', 'lua', 'ex', 'exs', 'scala', 'clj', 'vue', 'svelte', 'astro',
  'md', 'mdx', 'rst', 'adoc', 'swp', 'swo', 'swx',
]);

/**
 * `.env` and `.env.<name>` (`.env.local`, `.env.production`, `.env.development.local`, `.env.keys`,
 * `.env.bak`...) are secret files; templates, code and `.envrc` are not. direnv's `.envrc` is a
 * shell script that teams commit on purpose (`dotenv`, `use nix`); a key written into it is caught
 * by the content scanner like in any other script. Case-insensitive because `.ENV` is loaded by
 * the same tools on case-insensitive file systems.
 */
export function isEnvFileName(basename: string): boolean {
  const name = basename.toLowerCase();
  if (name === '.env') return true;
  if (!name.startsWith('.env.')) return false;
  const words = name.slice('.env.'.length).split('.');
  if (words.some((w) => w.length === 0)) return false; // `.env.`, `.env..x`: not a real name
  if (words.some((w) => COMMITTED_WORDS.has(w))) return false;
  return !NOT_DOTENV_EXTENSIONS.has(words[words.length - 1]);
}
