// File path / LSP language id -> language family. The engine uses the family to decide which value
// syntaxes are literal (an unquoted `KEY=value` is a literal in .env, an expression in Python); the
// fixes use it to pick the env-lookup syntax.

export type LanguageFamily =
  | 'javascript'
  | 'python'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'csharp'
  | 'ruby'
  | 'php'
  | 'rust'
  | 'swift'
  | 'c'
  | 'shell'
  | 'powershell'
  | 'dotenv'
  | 'yaml'
  | 'json'
  | 'toml'
  | 'ini'
  | 'properties'
  | 'dockerfile'
  | 'terraform'
  | 'makefile'
  | 'markdown'
  | 'http'
  | 'xml'
  | 'html'
  | 'sql'
  | 'plaintext';

// LSP language ids (VS Code's and common extensions') to families.
const BY_LANGUAGE_ID: Record<string, LanguageFamily> = {
  javascript: 'javascript', javascriptreact: 'javascript', typescript: 'javascript', typescriptreact: 'javascript',
  vue: 'javascript', svelte: 'javascript', astro: 'javascript',
  python: 'python', go: 'go', java: 'java', groovy: 'java', scala: 'java', kotlin: 'kotlin',
  csharp: 'csharp', fsharp: 'csharp', vb: 'csharp', ruby: 'ruby', php: 'php', rust: 'rust', swift: 'swift',
  c: 'c', cpp: 'c', 'objective-c': 'c', 'objective-cpp': 'c', dart: 'java', lua: 'ruby', perl: 'ruby', r: 'python', elixir: 'ruby',
  shellscript: 'shell', bat: 'shell', powershell: 'powershell', dotenv: 'dotenv', env: 'dotenv',
  yaml: 'yaml', json: 'json', jsonc: 'json', json5: 'json', toml: 'toml', ini: 'ini', properties: 'properties',
  'java-properties': 'properties', dockerfile: 'dockerfile', terraform: 'terraform', hcl: 'terraform',
  makefile: 'makefile', markdown: 'markdown', mdx: 'markdown', http: 'http', restclient: 'http',
  xml: 'xml', html: 'html', sql: 'sql', plaintext: 'plaintext', ignore: 'plaintext',
};

const BY_EXTENSION: Record<string, LanguageFamily> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript', ts: 'javascript', mts: 'javascript',
  cts: 'javascript', tsx: 'javascript', vue: 'javascript', svelte: 'javascript', astro: 'javascript',
  py: 'python', pyw: 'python', ipynb: 'json', r: 'python', go: 'go', java: 'java', groovy: 'java', gradle: 'java',
  scala: 'java', dart: 'java', kt: 'kotlin', kts: 'kotlin', cs: 'csharp', csx: 'csharp', fs: 'csharp', vb: 'csharp',
  rb: 'ruby', rake: 'ruby', gemspec: 'ruby', lua: 'ruby', pl: 'ruby', pm: 'ruby', ex: 'ruby', exs: 'ruby',
  php: 'php', rs: 'rust', swift: 'swift', c: 'c', h: 'c', cc: 'c', cpp: 'c', cxx: 'c', hpp: 'c', m: 'c', mm: 'c',
  sh: 'shell', bash: 'shell', zsh: 'shell', fish: 'shell', ksh: 'shell', bat: 'shell', cmd: 'shell',
  ps1: 'powershell', psm1: 'powershell', env: 'dotenv', yml: 'yaml', yaml: 'yaml', json: 'json', jsonc: 'json',
  json5: 'json', toml: 'toml', ini: 'ini', cfg: 'ini', conf: 'ini', cnf: 'ini', properties: 'properties',
  tf: 'terraform', tfvars: 'terraform', hcl: 'terraform', mk: 'makefile', md: 'markdown', mdx: 'markdown',
  markdown: 'markdown', rst: 'markdown', http: 'http', rest: 'http', xml: 'xml', config: 'xml', csproj: 'xml',
  plist: 'xml', html: 'html', htm: 'html', sql: 'sql', txt: 'plaintext',
};

function baseName(filePath: string): string {
  const i = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  return filePath.slice(i + 1);
}

/** The language family of a file; the LSP language id wins when it is a known one. */
export function detectLanguage(filePath: string, languageId?: string): LanguageFamily {
  if (languageId && BY_LANGUAGE_ID[languageId]) return BY_LANGUAGE_ID[languageId];
  const name = baseName(filePath).toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
  if (name === 'dockerfile' || name.startsWith('dockerfile.') || name.endsWith('.dockerfile') || name === 'containerfile') return 'dockerfile';
  if (name === 'makefile' || name === 'gnumakefile') return 'makefile';
  if (name === '.npmrc' || name === '.pypirc' || name === '.netrc' || name === '.gitconfig' || name === '.yarnrc') return 'ini';
  if (name === 'gemfile' || name === 'rakefile' || name === 'podfile' || name === 'vagrantfile') return 'ruby';
  if (name === 'jenkinsfile') return 'java';
  if (name === '.bashrc' || name === '.zshrc' || name === '.profile' || name === '.bash_profile') return 'shell';
  const dot = name.lastIndexOf('.');
  if (dot >= 0) {
    const fam = BY_EXTENSION[name.slice(dot + 1)];
    if (fam) return fam;
  }
  return 'plaintext';
}

/**
 * Families where an unquoted value after `NAME=` / `NAME:` is a literal (config files, shell,
 * docs), as opposed to code where it is an expression (`token = tokenize(x)`).
 */
export const UNQUOTED_LITERAL_FAMILIES: ReadonlySet<LanguageFamily> = new Set<LanguageFamily>([
  'dotenv', 'yaml', 'ini', 'properties', 'dockerfile', 'shell', 'makefile', 'markdown', 'http', 'plaintext',
]);

/** Families that are prose: a query-string example with a placeholder value is documentation there. */
export const DOC_FAMILIES: ReadonlySet<LanguageFamily> = new Set<LanguageFamily>(['markdown', 'plaintext', 'html']);

/**
 * Files that are the right home for secrets (the .env the fixes write to). Keys there are not
 * "hardcoded"; committing such a file is the env-tracked rule's business. Templates (.env.example)
 * are committed by design, so keys in them are leaks.
 */
export function isSecretHome(filePath: string): boolean {
  const name = baseName(filePath).toLowerCase();
  if (!(name === '.env' || name.startsWith('.env.'))) return false;
  return !/(?:example|sample|template|dist|defaults?|schema|tpl)/.test(name);
}

/** Families whose double-quoted (or bare) strings expand `$name`. */
export const DOLLAR_INTERPOLATING: ReadonlySet<LanguageFamily> = new Set<LanguageFamily>([
  'shell', 'powershell', 'php', 'ruby', 'kotlin', 'dockerfile', 'makefile', 'markdown', 'plaintext', 'dotenv', 'yaml', 'http',
]);
