// THE language table: one row per file family, read by detection (engine) and the quick fixes
// alike. Add a language by adding a row; classify.ts turns the rows into lookups.
import { isEnvFileName, isEnvTemplateName } from './envNames';

export type Family =
  | 'js' | 'python' | 'go' | 'java' | 'groovy' | 'kotlin' | 'scala' | 'csharp' | 'fsharp' | 'vb'
  | 'ruby' | 'php' | 'rust' | 'c' | 'swift' | 'dart' | 'elixir' | 'lua' | 'perl' | 'r'
  | 'powershell' | 'shell' | 'batch' | 'makefile' | 'dockerfile'
  | 'compose' | 'github-actions' | 'gitlab-ci' | 'spring-yaml' | 'yaml'
  | 'spring-properties' | 'npmrc' | 'properties' | 'ini' | 'conf' | 'toml' | 'xml'
  | 'terraform' | 'env-example' | 'dotenv'
  | 'notebook' | 'jsonc' | 'json'
  | 'markdown' | 'html' | 'css' | 'sql' | 'http' | 'plaintext';

/** The comment the fixes write (`open body close`); absent where the format has none (JSON). */
export interface CommentSyntax {
  open: string;
  close?: string;
}

export interface StringSyntax {
  /** Characters that open (and close) a one-line string literal. */
  quotes: string;
  /** Letters or sigils that may stand right before the quote. */
  prefixes?: RegExp;
  /** The tripled quote opens a multi-line block. */
  triple?: boolean;
}

/** A base name test: a regex, or a predicate for names a regex says badly (`.env` vs `.env.ts`). */
export type NameTest = RegExp | ((baseName: string) => boolean);

export interface LanguageEntry {
  family: Family;
  /** The family whose syntax this one is written in (Compose is YAML); the engine's parsers key on it. */
  base: Family;
  /** VS Code / LSP language ids. */
  ids: readonly string[];
  /** Final extensions, lower case, without the dot. */
  extensions: readonly string[];
  /**
   * File names (tested on the lower-case base name) and paths (tested on the `/`-separated path)
   * that name this family whatever the language id says: see the precedence rule in classify.ts.
   */
  files?: readonly NameTest[];
  paths?: readonly RegExp[];
  /**
   * Detection: 'unquoted' where a bare value after `NAME=` / `NAME:` is a literal (config files,
   * shell, docs); 'quoted' where it is an expression (`token = tokenize(x)` in code).
   */
  literals: 'quoted' | 'unquoted';
  /** Prose: a placeholder or an expression next to a key name is documentation, not a key. */
  doc: boolean;
  /** Double-quoted (or bare) strings expand `$name`, so a `$name` in a value is a reference. */
  dollarInterpolation: boolean;
  comment?: CommentSyntax;
  /** The expression that reads environment variable `@NAME@`, when it is a fixed template. */
  envLookup?: string;
  /** String literals the fixes can split: quote characters, prefix letters (`f`, `r#`, `@$`), `"""` blocks. */
  strings?: StringSyntax;
  /** Why keyward offers no env lookup here (shown instead of a fix). */
  noEnvLookup?: string;
}

const SLASH: CommentSyntax = { open: '//' };
const HASH: CommentSyntax = { open: '#' };
const MARKUP: CommentSyntax = { open: '<!--', close: '-->' };
const BLOCK: CommentSyntax = { open: '/*', close: '*/' };

const NO_INTERPOLATION = 'cannot read environment variables by itself: have the program that loads it read the key from the environment instead, and keep the key out of this file.';
const DATA_REASON = `This file type (TOML/INI/properties/XML) ${NO_INTERPOLATION}`;
export const UNKNOWN_REASON = 'keyward does not know how this file type reads environment variables.';
const DOLLAR_BRACE = '${@NAME@}';

/** Code: quoted literals only, no prose. */
const CODE = { literals: 'quoted', doc: false } as const;
/** Config and scripts: a bare value is a literal. */
const CONFIG = { literals: 'unquoted', doc: false } as const;

type Row = Omit<LanguageEntry, 'base'> & { base?: Family };

/**
 * Rows in precedence order for `files`/`paths`: the first row whose name test matches wins, so
 * the specific rows (a template before `.env`, a workflow before plain YAML) come first.
 */
const ROWS: readonly Row[] = [
  // ---- files whose name says more than their language id ----
  { family: 'notebook', base: 'json', ids: ['jupyter'], extensions: ['ipynb'], files: [/\.ipynb$/], ...CODE, dollarInterpolation: false },
  { family: 'github-actions', strings: { quotes: '\'"' }, base: 'yaml', ids: ['github-actions-workflow'], extensions: [], paths: [/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i, /(^|\/)action\.ya?ml$/i], ...CONFIG, dollarInterpolation: true, comment: HASH, envLookup: '${{ secrets.@NAME@ }}' },
  { family: 'gitlab-ci', base: 'yaml', ids: [], extensions: [], files: [/^\.gitlab-ci\.ya?ml$/], ...CONFIG, dollarInterpolation: true, comment: HASH, envLookup: DOLLAR_BRACE },
  // npm and Yarn expand ${NAME} in their rc files.
  { family: 'npmrc', base: 'ini', ids: [], extensions: [], files: [/^\.npmrc$/, /^\.yarnrc\.yml$/], ...CONFIG, dollarInterpolation: true, comment: HASH, envLookup: DOLLAR_BRACE },
  // Spring resolves ${NAME} in its config files from the environment.
  { family: 'spring-yaml', base: 'yaml', ids: [], extensions: [], files: [/^(application|bootstrap)(-[\w-]+)?\.ya?ml$/], ...CONFIG, dollarInterpolation: true, comment: HASH, envLookup: DOLLAR_BRACE },
  { family: 'spring-properties', base: 'properties', ids: [], extensions: [], files: [/^(application|bootstrap)(-[\w-]+)?\.properties$/], ...CONFIG, dollarInterpolation: false, comment: HASH, envLookup: DOLLAR_BRACE },
  // Committed templates (.env.example): the value moves to .env, the name stays.
  { family: 'env-example', base: 'dotenv', ids: [], extensions: [], files: [isEnvTemplateName], ...CONFIG, dollarInterpolation: true, comment: HASH },
  { family: 'compose', strings: { quotes: '\'"' }, base: 'yaml', ids: ['dockercompose'], extensions: [], files: [/^(docker-)?compose(\.[\w-]+)*\.ya?ml$/], ...CONFIG, dollarInterpolation: true, comment: HASH, envLookup: DOLLAR_BRACE },
  {
    family: 'dotenv', ids: ['dotenv', 'env'], extensions: ['env'], files: [isEnvFileName, /.\.env$/], ...CONFIG, dollarInterpolation: true, comment: HASH,
    noEnvLookup: 'The key already lives in an env file: the fix is to keep this file out of git (add it to .gitignore), not to move the key.',
  },
  // Editors read these JSON files with comments allowed.
  {
    family: 'jsonc', base: 'json', ids: ['jsonc', 'json5'], extensions: ['jsonc', 'json5'],
    files: [/^(tsconfig|jsconfig)(\.[\w-]+)*\.json$/, /^\.?devcontainer\.json$/, /^\.(eslintrc|babelrc|swcrc)(\.json)?$/], paths: [/(^|\/)\.vscode\/[^/]+\.json$/i],
    ...CODE, dollarInterpolation: false, comment: SLASH, noEnvLookup: `JSON ${NO_INTERPOLATION}`,
  },
  { family: 'dockerfile', strings: { quotes: '\'"' }, ids: ['dockerfile'], extensions: ['dockerfile'], files: [/^(dockerfile|containerfile)(\..+)?$/], ...CONFIG, dollarInterpolation: true, comment: HASH, envLookup: DOLLAR_BRACE },
  { family: 'makefile', strings: { quotes: '\'"' }, ids: ['makefile'], extensions: ['mk'], files: [/^(gnu)?makefile$/], ...CONFIG, dollarInterpolation: true, comment: HASH, envLookup: '$(@NAME@)' },
  // php.ini takes only `;` comments; the looser config files below take `#` too (and nginx & co only `#`).
  { family: 'ini', ids: ['ini'], extensions: ['ini'], ...CONFIG, dollarInterpolation: false, comment: { open: ';' }, noEnvLookup: DATA_REASON },
  { family: 'conf', base: 'ini', ids: [], extensions: ['cfg', 'conf', 'cnf'], files: [/^\.(pypirc|netrc|gitconfig|yarnrc)$/], ...CONFIG, dollarInterpolation: false, comment: HASH, noEnvLookup: DATA_REASON },
  // ---- code ----
  { family: 'js', strings: { quotes: '\'"`' }, ids: ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'vue', 'svelte', 'astro'], extensions: ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'vue', 'svelte', 'astro'], ...CODE, dollarInterpolation: false, comment: SLASH },
  { family: 'python', strings: { quotes: '\'"', prefixes: /^(?:[rRbBuUfF]{1,2})$/, triple: true }, ids: ['python'], extensions: ['py', 'pyw', 'pyi'], ...CODE, dollarInterpolation: false, comment: HASH },
  { family: 'go', strings: { quotes: '"`' }, ids: ['go'], extensions: ['go'], ...CODE, dollarInterpolation: false, comment: SLASH },
  { family: 'java', strings: { quotes: '"', triple: true }, ids: ['java'], extensions: ['java'], ...CODE, dollarInterpolation: false, comment: SLASH, envLookup: 'System.getenv("@NAME@")' },
  // Groovy GStrings expand "$name"; no rewrite is claimed for it (no Groovy toolchain proves one here).
  { family: 'groovy', ids: ['groovy'], extensions: ['groovy', 'gradle', 'gvy'], files: [/^jenkinsfile$/], ...CODE, dollarInterpolation: true, comment: SLASH, noEnvLookup: 'keyward does not rewrite Groovy yet: read the key with System.getenv("NAME") by hand.' },
  { family: 'kotlin', strings: { quotes: '"', triple: true }, ids: ['kotlin'], extensions: ['kt', 'kts'], ...CODE, dollarInterpolation: true, comment: SLASH, envLookup: 'System.getenv("@NAME@")' },
  { family: 'scala', strings: { quotes: '"', prefixes: /^[a-z]$/, triple: true }, ids: ['scala'], extensions: ['scala', 'sc'], ...CODE, dollarInterpolation: false, comment: SLASH, envLookup: 'sys.env("@NAME@")' },
  { family: 'csharp', strings: { quotes: '"', prefixes: /^(?:\$+@?|@\$*)$/, triple: true }, ids: ['csharp'], extensions: ['cs', 'csx'], ...CODE, dollarInterpolation: false, comment: SLASH },
  { family: 'fsharp', ids: ['fsharp'], extensions: ['fs', 'fsx', 'fsi'], ...CODE, dollarInterpolation: false, comment: SLASH, noEnvLookup: 'keyward does not rewrite F# yet: read the key with System.Environment.GetEnvironmentVariable("NAME") by hand.' },
  { family: 'vb', ids: ['vb'], extensions: ['vb'], ...CODE, dollarInterpolation: false, comment: { open: "'" }, noEnvLookup: 'keyward does not rewrite Visual Basic yet: read the key with Environment.GetEnvironmentVariable("NAME") by hand.' },
  { family: 'ruby', strings: { quotes: '\'"' }, ids: ['ruby'], extensions: ['rb', 'rake', 'gemspec'], files: [/^(gemfile|rakefile|vagrantfile|podfile)$/], ...CODE, dollarInterpolation: true, comment: HASH, envLookup: 'ENV.fetch("@NAME@")' },
  { family: 'php', strings: { quotes: '\'"', prefixes: /^[bB]$/ }, ids: ['php'], extensions: ['php'], ...CODE, dollarInterpolation: true, comment: SLASH, envLookup: "getenv('@NAME@')" },
  // A &str is what literals were; &String derefs to &str at call sites and `let` keeps the temporary alive.
  { family: 'rust', strings: { quotes: '"', prefixes: /^(?:b?r#*|b|c)$/ }, ids: ['rust'], extensions: ['rs'], ...CODE, dollarInterpolation: false, comment: SLASH, envLookup: 'std::env::var("@NAME@").expect("@NAME@ is not set")' },
  { family: 'c', strings: { quotes: '"', prefixes: /^(?:L|u8|u|U|R|LR|u8R)$/ }, ids: ['c', 'cpp', 'objective-c', 'objective-cpp'], extensions: ['c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'hxx', 'm', 'mm'], ...CODE, dollarInterpolation: false, comment: SLASH },
  { family: 'swift', strings: { quotes: '"', triple: true }, ids: ['swift'], extensions: ['swift'], ...CODE, dollarInterpolation: false, comment: SLASH },
  // Dart expands "$name" and '$name'.
  { family: 'dart', strings: { quotes: '\'"', prefixes: /^r$/, triple: true }, ids: ['dart'], extensions: ['dart'], ...CODE, dollarInterpolation: true, comment: SLASH },
  // Elixir interpolates #{...}, not $name.
  { family: 'elixir', strings: { quotes: '"', triple: true }, ids: ['elixir'], extensions: ['ex', 'exs'], ...CODE, dollarInterpolation: false, comment: HASH, envLookup: 'System.fetch_env!("@NAME@")' },
  { family: 'lua', strings: { quotes: '\'"' }, ids: ['lua'], extensions: ['lua'], ...CODE, dollarInterpolation: false, comment: { open: '--' }, envLookup: 'os.getenv("@NAME@")' },
  { family: 'perl', strings: { quotes: '\'"' }, ids: ['perl'], extensions: ['pl', 'pm'], ...CODE, dollarInterpolation: true, comment: HASH, envLookup: '$ENV{@NAME@}' },
  { family: 'r', strings: { quotes: '\'"' }, ids: ['r'], extensions: ['r'], ...CODE, dollarInterpolation: false, comment: HASH, envLookup: 'Sys.getenv("@NAME@")' },
  { family: 'powershell', strings: { quotes: '\'"' }, ids: ['powershell'], extensions: ['ps1', 'psm1'], ...CODE, dollarInterpolation: true, comment: HASH, envLookup: '$env:@NAME@' },
  { family: 'shell', strings: { quotes: '\'"' }, ids: ['shellscript', 'bash', 'sh', 'zsh'], extensions: ['sh', 'bash', 'zsh', 'fish', 'ksh'], files: [/^\.(bashrc|zshrc|profile|bash_profile|envrc)$/], ...CONFIG, dollarInterpolation: true, comment: HASH, envLookup: DOLLAR_BRACE },
  // `set KEY=value` is a literal; batch expands %NAME%, not $name.
  { family: 'batch', ids: ['bat'], extensions: ['bat', 'cmd'], ...CONFIG, dollarInterpolation: false, comment: { open: 'REM' }, noEnvLookup: 'keyward does not rewrite batch files: use %NAME% after setting the variable outside the script.' },
  { family: 'terraform', strings: { quotes: '"' }, ids: ['terraform', 'hcl'], extensions: ['tf', 'tfvars', 'hcl'], ...CODE, dollarInterpolation: false, comment: HASH },
  // ---- data ----
  {
    family: 'yaml', strings: { quotes: '\'"' }, ids: ['yaml'], extensions: ['yml', 'yaml'], ...CONFIG, dollarInterpolation: true, comment: HASH,
    noEnvLookup: "Plain YAML does not expand environment variables (Docker Compose and GitHub Actions do, and get their own fix): have the program read the key from the environment, or use your platform's secret reference (e.g. a Kubernetes secretKeyRef).",
  },
  { family: 'json', ids: ['json'], extensions: ['json'], ...CODE, dollarInterpolation: false, noEnvLookup: `JSON ${NO_INTERPOLATION}` },
  { family: 'toml', ids: ['toml'], extensions: ['toml'], ...CODE, dollarInterpolation: false, comment: HASH, noEnvLookup: DATA_REASON },
  { family: 'properties', ids: ['properties', 'java-properties'], extensions: ['properties'], ...CONFIG, dollarInterpolation: false, comment: HASH, noEnvLookup: DATA_REASON },
  { family: 'xml', ids: ['xml', 'plist'], extensions: ['xml', 'config', 'csproj', 'plist', 'xaml'], ...CODE, dollarInterpolation: false, comment: MARKUP, noEnvLookup: DATA_REASON },
  // ---- documents and the rest ----
  { family: 'markdown', ids: ['markdown', 'mdx'], extensions: ['md', 'mdx', 'markdown', 'rst'], ...CONFIG, doc: true, dollarInterpolation: true, comment: MARKUP, noEnvLookup: 'Documentation is not run: replace the key with a placeholder such as YOUR_API_KEY, then revoke the exposed key.' },
  { family: 'html', ids: ['html'], extensions: ['html', 'htm'], ...CODE, doc: true, dollarInterpolation: false, comment: MARKUP, noEnvLookup: 'Markup sent to browsers cannot hold a secret safely: call the API from a server that reads the key from its environment, then revoke the exposed key.' },
  // `--api-key: value` is a bare literal in a stylesheet.
  { family: 'css', ids: ['css', 'scss', 'less'], extensions: ['css', 'scss', 'less'], ...CONFIG, dollarInterpolation: false, comment: BLOCK, noEnvLookup: 'Stylesheets cannot read environment variables: remove the key and revoke it.' },
  { family: 'sql', strings: { quotes: '\'"' }, ids: ['sql'], extensions: ['sql'], ...CODE, dollarInterpolation: false, comment: { open: '--' }, noEnvLookup: 'SQL cannot read environment variables: pass the key as a bound parameter from the calling program.' },
  { family: 'http', ids: ['http', 'restclient'], extensions: ['http', 'rest'], ...CONFIG, dollarInterpolation: true, comment: HASH },
  // The fallback: unknown files are scanned like prose (bare values count, placeholders are docs).
  { family: 'plaintext', ids: ['plaintext', 'ignore'], extensions: ['txt'], ...CONFIG, doc: true, dollarInterpolation: true },
];

export const LANGUAGES: readonly LanguageEntry[] = ROWS.map((r) => ({ ...r, base: r.base ?? r.family }));
