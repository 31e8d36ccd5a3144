// Which rewrite family a document belongs to, from the LSP languageId first and the path second.
// Data, not code paths: add a language by adding a row.

export type Family =
  | 'js'
  | 'python'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'csharp'
  | 'ruby'
  | 'php'
  | 'rust'
  | 'c'
  | 'swift'
  | 'dart'
  | 'scala'
  | 'elixir'
  | 'lua'
  | 'perl'
  | 'r'
  | 'powershell'
  | 'shell'
  | 'makefile'
  | 'dockerfile'
  | 'compose'
  | 'github-actions'
  | 'yaml'
  | 'terraform'
  | 'dotenv'
  | 'env-example' // .env.example & co: committed, so the value moves out and the name stays
  | 'spring' // application.yml / application.properties resolve ${NAME} from the environment
  | 'npmrc' // .npmrc / .yarnrc.yml expand ${NAME}
  | 'gitlab-ci'
  | 'notebook' // Jupyter: Python lines inside JSON strings
  | 'json'
  | 'jsonc'
  | 'data' // TOML, INI, properties, XML: no interpolation
  | 'markdown'
  | 'html'
  | 'css'
  | 'sql'
  | 'batch'
  | 'unknown';

const BY_LANGUAGE_ID: Record<string, Family> = {
  javascript: 'js', javascriptreact: 'js', typescript: 'js', typescriptreact: 'js', vue: 'js', svelte: 'js', astro: 'js',
  python: 'python', go: 'go', java: 'java', kotlin: 'kotlin', csharp: 'csharp', ruby: 'ruby', php: 'php', rust: 'rust',
  c: 'c', cpp: 'c', 'objective-c': 'c', swift: 'swift', dart: 'dart', scala: 'scala', elixir: 'elixir', lua: 'lua',
  perl: 'perl', r: 'r', powershell: 'powershell', shellscript: 'shell', bash: 'shell', sh: 'shell', zsh: 'shell',
  makefile: 'makefile', dockerfile: 'dockerfile', dockercompose: 'compose', 'github-actions-workflow': 'github-actions',
  yaml: 'yaml', terraform: 'terraform', hcl: 'terraform', dotenv: 'dotenv', env: 'dotenv', json: 'json', jsonc: 'jsonc',
  json5: 'jsonc', toml: 'data', ini: 'data', properties: 'data', 'java-properties': 'data', xml: 'data', plist: 'data',
  markdown: 'markdown', mdx: 'markdown', html: 'html', css: 'css', scss: 'css', less: 'css', sql: 'sql', bat: 'batch',
};

const BY_EXTENSION: Record<string, Family> = {
  js: 'js', mjs: 'js', cjs: 'js', jsx: 'js', ts: 'js', mts: 'js', cts: 'js', tsx: 'js', vue: 'js', svelte: 'js', astro: 'js',
  py: 'python', pyw: 'python', pyi: 'python', go: 'go', java: 'java', kt: 'kotlin', kts: 'kotlin', cs: 'csharp',
  rb: 'ruby', rake: 'ruby', php: 'php', rs: 'rust', c: 'c', h: 'c', cc: 'c', cpp: 'c', cxx: 'c', hpp: 'c', m: 'c',
  swift: 'swift', dart: 'dart', scala: 'scala', sc: 'scala', ex: 'elixir', exs: 'elixir', lua: 'lua', pl: 'perl',
  pm: 'perl', r: 'r', ps1: 'powershell', psm1: 'powershell', sh: 'shell', bash: 'shell', zsh: 'shell', ksh: 'shell',
  mk: 'makefile', dockerfile: 'dockerfile', yml: 'yaml', yaml: 'yaml', tf: 'terraform', tfvars: 'terraform',
  hcl: 'terraform', env: 'dotenv', json: 'json', jsonc: 'jsonc', json5: 'jsonc', toml: 'data', ini: 'data', cfg: 'data',
  conf: 'data', properties: 'data', xml: 'data', plist: 'data', md: 'markdown', mdx: 'markdown', markdown: 'markdown',
  html: 'html', htm: 'html', css: 'css', scss: 'css', less: 'css', sql: 'sql', bat: 'batch', cmd: 'batch',
};

function baseName(filePath: string): string {
  return filePath.replace(/\\/g, '/').split('/').pop() ?? '';
}

/** JSON files that editors and tools read with comments allowed. */
function isJsoncPath(p: string): boolean {
  const b = baseName(p).toLowerCase();
  return /(^|\/)\.vscode\/[^/]+\.json$/i.test(p) || /^(tsconfig|jsconfig)(\.[\w-]+)*\.json$/.test(b) || /^(devcontainer|\.devcontainer)\.json$/.test(b) || /^\.(eslintrc|babelrc|swcrc)(\.json)?$/.test(b);
}

function isComposePath(p: string): boolean {
  return /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/i.test(baseName(p));
}

function isWorkflowPath(p: string): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(p.replace(/\\/g, '/')) || /(^|\/)action\.ya?ml$/i.test(p.replace(/\\/g, '/'));
}

export function familyOf(languageId: string | undefined, filePath: string): Family {
  const p = filePath.replace(/\\/g, '/');
  const b = baseName(p);
  const lower = b.toLowerCase();
  // Path facts that a generic languageId hides.
  if (isWorkflowPath(p)) return 'github-actions';
  if (lower.endsWith('.ipynb') || languageId === 'jupyter') return 'notebook';
  if (/^\.gitlab-ci\.ya?ml$/.test(lower)) return 'gitlab-ci';
  if (lower === '.npmrc' || lower === '.yarnrc.yml') return 'npmrc';
  if (/^(application|bootstrap)(-[\w-]+)?\.(ya?ml|properties)$/.test(lower)) return 'spring';
  if (/^\.env\..*(example|sample|template|dist|defaults?|schema|tpl)/.test(lower) || /^(example|sample)\.env$/.test(lower)) return 'env-example';
  if (isComposePath(p)) return 'compose';
  if (/^\.env(\..+)?$/.test(lower) || lower.endsWith('.env')) return 'dotenv';
  if (isJsoncPath(p) && (!languageId || languageId === 'json' || languageId === 'jsonc')) return 'jsonc';
  if (/^(dockerfile|containerfile)(\..+)?$/.test(lower) || lower.endsWith('.dockerfile')) return 'dockerfile';
  if (/^(gnu)?makefile$/.test(lower)) return 'makefile';
  if (/^(gemfile|rakefile|vagrantfile)$/.test(lower)) return 'ruby';
  if (/^\.(bashrc|zshrc|profile|bash_profile|envrc)$/.test(lower)) return 'shell';
  const byId = languageId ? BY_LANGUAGE_ID[languageId.toLowerCase()] : undefined;
  if (byId) return byId;
  const ext = lower.includes('.') ? lower.slice(lower.lastIndexOf('.') + 1) : '';
  return BY_EXTENSION[ext] ?? 'unknown';
}

/** TypeScript flavours, where a non-null assertion keeps `string`-typed call sites compiling. */
export function isTypeScript(languageId: string | undefined, filePath: string): boolean {
  if (languageId === 'typescript' || languageId === 'typescriptreact') return true;
  return /\.(ts|tsx|mts|cts)$/i.test(filePath) && !/\.d\.ts$/i.test(filePath);
}
