// The one table of the ways a project loads `.env` into its environment, as data: which source
// families each serves, where it shows (manifest dependency, npm script, source call, launch or
// Compose config) and whether a real program proves it here (`claimed`).
import type { Family } from '../../../../shared/languages';

/** Where the planners look; the LSP reads exactly these files (nearest ancestor, or the folder root). */
export const PACKAGE_JSON = 'package.json';
export const LAUNCH_JSON = '.vscode/launch.json';
export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
export const PYTHON_MANIFESTS = ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.cfg'];

export type Signal =
  /** A key of `dependencies`/`devDependencies` of the nearest package.json. */
  | { npmDep: string }
  /** A script of the nearest package.json. */
  | { npmScript: RegExp }
  /** The nearest of these manifests (or the folder root's, `root: true`) matches. */
  | { manifest: string[]; text: RegExp; root?: boolean }
  /** The file being fixed. */
  | { source: RegExp }
  /** A launch.json configuration of the family's debugger with `envFile` (or a Compose service with env_file naming .env). */
  | { special: 'launch-env-file' | 'compose-env-file' };

export interface LoaderEcosystem {
  id: string;
  /** How titles name it: "loaded by <label>". */
  label: string;
  /** Source families it serves; '*' for launchers that start any program. */
  families: Family[] | '*';
  /** 'program': the program itself loads .env, however it is started; 'launcher': only runs started that way (F5, Compose). */
  scope: 'program' | 'launcher';
  /** A real program proves it here (test/unit/fixes/loaders.run.test.ts); the others are named as detected, never as loading .env. */
  claimed: boolean;
  signals: Signal[];
}

const JVM: Family[] = ['java', 'kotlin', 'scala', 'groovy'];
const GRADLE_MAVEN = ['pom.xml', 'build.gradle', 'build.gradle.kts'];

export const LOADER_ECOSYSTEMS: readonly LoaderEcosystem[] = [
  {
    id: 'dotenv', label: 'dotenv', families: ['js'], scope: 'program', claimed: true,
    signals: [{ npmDep: 'dotenv' }, { source: /\brequire\(\s*['"]dotenv(?:\/config)?['"]\s*\)|\bimport\s+(?:[\w*{}\s,]+\s+from\s+)?['"]dotenv(?:\/config)?['"]/ }, { npmScript: /-r\s+dotenv\/config|--require[= ]dotenv\/config|--import[= ]dotenv\/config|\bdotenv\s+--?\s/ }],
  },
  { id: 'node-env-file', label: 'node --env-file', families: ['js'], scope: 'program', claimed: true, signals: [{ npmScript: /--env-file(?:-if-exists)?[= ]/ }] },
  { id: 'dotenv-flow', label: 'dotenv-flow', families: ['js'], scope: 'program', claimed: false, signals: [{ npmDep: 'dotenv-flow' }, { source: /['"]dotenv-flow(?:\/config)?['"]/ }] },
  { id: 'next-env', label: 'Next.js (@next/env)', families: ['js'], scope: 'program', claimed: false, signals: [{ npmDep: 'next' }, { npmDep: '@next/env' }] },
  { id: 'vite', label: 'Vite (import.meta.env)', families: ['js'], scope: 'program', claimed: false, signals: [{ npmDep: 'vite' }] },
  {
    id: 'python-dotenv', label: 'python-dotenv', families: ['python'], scope: 'program', claimed: true,
    signals: [{ manifest: PYTHON_MANIFESTS, text: /(^|["'\s])python-dotenv\b/im }, { source: /\bload_dotenv\s*\(|^\s*from\s+dotenv\s+import\b/m }],
  },
  { id: 'pydantic-settings', label: 'pydantic-settings', families: ['python'], scope: 'program', claimed: false, signals: [{ manifest: PYTHON_MANIFESTS, text: /(^|["'\s])pydantic[-_]settings\b/im }, { source: /\benv_file\s*=/ }] },
  { id: 'django-environ', label: 'django-environ', families: ['python'], scope: 'program', claimed: false, signals: [{ manifest: PYTHON_MANIFESTS, text: /(^|["'\s])django-environ\b/im }, { source: /\bread_env\s*\(/ }] },
  { id: 'godotenv', label: 'godotenv', families: ['go'], scope: 'program', claimed: true, signals: [{ manifest: ['go.mod'], text: /\bgithub\.com\/joho\/godotenv\b/ }, { source: /"github\.com\/joho\/godotenv(?:\/autoload)?"/ }] },
  { id: 'dotenv-java', label: 'dotenv-java', families: JVM, scope: 'program', claimed: false, signals: [{ manifest: GRADLE_MAVEN, text: /io\.github\.cdimascio|dotenv-(?:java|kotlin)/ }, { source: /\bDotenv\.(?:load|configure)\s*\(|\bdotenv\s*\{/ }] },
  { id: 'spring', label: 'Spring spring.config.import', families: JVM, scope: 'program', claimed: false, signals: [{ manifest: ['src/main/resources/application.properties', 'src/main/resources/application.yml', 'src/main/resources/application.yaml'], root: true, text: /spring\.config\.import[\s\S]{0,200}\.env|^\s*import:[^\n]*\.env/m }] },
  { id: 'phpdotenv', label: 'vlucas/phpdotenv', families: ['php'], scope: 'program', claimed: false, signals: [{ manifest: ['composer.json'], text: /"vlucas\/phpdotenv"/ }, { source: /\bDotenv\\?\w*::create\w*\s*\(/ }] },
  { id: 'laravel', label: 'Laravel', families: ['php'], scope: 'program', claimed: false, signals: [{ manifest: ['composer.json'], text: /"laravel\/framework"/ }] },
  { id: 'dotenv-rails', label: 'dotenv (Ruby)', families: ['ruby'], scope: 'program', claimed: false, signals: [{ manifest: ['Gemfile'], text: /^\s*gem\s+['"]dotenv(?:-rails)?['"]/m }, { source: /\bDotenv\.load\b|require\s+['"]dotenv\/load['"]/ }] },
  { id: 'dotenvy', label: 'dotenvy', families: ['rust'], scope: 'program', claimed: false, signals: [{ manifest: ['Cargo.toml'], text: /^\s*dotenvy?\s*=/m }, { source: /\bdotenvy?::dotenv\s*\(/ }] },
  { id: 'shell', label: 'the script (set -a; . .env)', families: ['shell'], scope: 'program', claimed: true, signals: [{ source: /(?:^|[;&|])[ \t]*(?:\.|source)[ \t]+["']?[^\n;]*\.env["']?[ \t]*(?:;|$)/m }] },
  { id: 'compose', label: 'Docker Compose env_file', families: '*', scope: 'launcher', claimed: true, signals: [{ special: 'compose-env-file' }] },
  { id: 'launch-json', label: 'launch.json envFile', families: '*', scope: 'launcher', claimed: true, signals: [{ special: 'launch-env-file' }] },
];

/** The debugger types of launch.json configurations that run a family's programs. */
export const DEBUG_TYPES: Partial<Record<Family, readonly string[]>> = {
  js: ['node', 'pwa-node', 'node-terminal'],
  python: ['python', 'debugpy'],
  go: ['go'],
};
