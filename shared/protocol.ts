// The wire contract between the language server and its clients: diagnostic data, command ids and
// code-action kinds. A client finds a server fix by its kind and data, never by its title.

/** `source` of every keyward diagnostic. */
export const SOURCE = 'keyward';

export const RULE_IDS = ['hardcoded-key', 'query-string-auth', 'env-not-ignored', 'env-tracked'] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Code of the information diagnostic on an open file that is too large to scan. */
export const FILE_TOO_LARGE = 'file-too-large';

/**
 * `data` of a keyward diagnostic. It travels over the wire and into client logs, so it holds where
 * the secret is (offsets) and what the fixes need, never the secret itself.
 */
export interface DiagnosticData {
  ruleId: RuleId;
  fingerprint: string;
  /** Document version the offsets belong to (undefined for files read from disk). */
  version?: number;
  offset: number;
  length: number;
  provider?: string;
  envVar?: string;
  formatId?: string;
  param?: string;
  valueIsLiteral?: boolean;
  /** env rules: absolute path of the .env file the diagnostic is about (a path, not contents). */
  envFile?: string;
  context?: {
    /** The engine's ContextKind ('assignment', 'header', 'sdk-option', ...). */
    kind: string;
    name?: string;
    quote?: string;
    literalOffset?: number;
    literalLength?: number;
  };
}

/** The data of a keyward diagnostic, or undefined for anyone else's (or a malformed one). */
export function keywardData(d: { source?: string; data?: unknown }): DiagnosticData | undefined {
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (d.source !== SOURCE || !data || typeof data !== 'object') return undefined;
  if (typeof data.fingerprint !== 'string' || typeof data.offset !== 'number' || !RULE_IDS.includes(data.ruleId as RuleId)) return undefined;
  return data as DiagnosticData;
}

/** workspace/executeCommand ids the server handles. */
export const SERVER_COMMANDS = {
  scanWorkspace: 'keyward.scanWorkspace',
  untrackEnv: 'keyward.untrackEnv',
  addToBaseline: 'keyward.addToBaseline',
  openRuleDocs: 'keyward.openRuleDocs',
  explainFix: 'keyward.explainFix',
} as const;

/** Command ids the VS Code client registers that server-side or shared code may name. */
export const CLIENT_COMMANDS = {
  rotateLeakedKey: 'keyward.rotateLeakedKey',
} as const;

/**
 * Code-action kinds: sub-kinds of `quickfix` (so a client asking for quick fixes gets them all) and
 * keyward's own fix-all, in the style of `source.fixAll.eslint`.
 */
export const ACTION_KINDS = {
  moveToEnv: 'quickfix.keyward.moveToEnv',
  /** The move plus the .env loader the project lacks (dotenv, load_dotenv, godotenv, launch.json envFile) in one edit. */
  moveToEnvWithLoader: 'quickfix.keyward.moveToEnvWithLoader',
  queryToHeader: 'quickfix.keyward.queryToHeader',
  /** "Why keyward cannot move this key": a command explaining, no edit. */
  explainFix: 'quickfix.keyward.explainFix',
  ignoreLine: 'quickfix.keyward.ignoreLine',
  addToBaseline: 'quickfix.keyward.addToBaseline',
  openRuleDocs: 'quickfix.keyward.openRuleDocs',
  addToGitignore: 'quickfix.keyward.addToGitignore',
  untrackEnv: 'quickfix.keyward.untrackEnv',
  /** Offered by the VS Code client, not the server. */
  rotateLeaked: 'quickfix.keyward.rotateLeaked',
  fixAll: 'source.fixAll.keyward',
} as const;
export type ActionKind = (typeof ACTION_KINDS)[keyof typeof ACTION_KINDS];

/** LSP's rule for `only`: a kind is wanted when it equals a requested kind or is a sub-kind of one. */
export function kindWithin(kind: string, parent: string): boolean {
  return kind === parent || kind.startsWith(parent + '.');
}

interface Pos {
  line: number;
  character: number;
}
/** The shape of an action as LSP sends it and as VS Code hands it back (kind as string or `{ value }`). */
export interface ActionLike {
  title: string;
  kind?: string | { value: string };
  diagnostics?: readonly { range: { start: Pos; end: Pos }; source?: string; data?: unknown }[];
}

export function kindOf(a: ActionLike): string | undefined {
  return typeof a.kind === 'string' ? a.kind : a.kind?.value;
}

/**
 * The server's action of `kind` for the diagnostic starting at `at`, found by kind and the
 * diagnostic it fixes, never by title. (VS Code's executeCodeActionProvider drops diagnostics'
 * `data` on the way back, so the diagnostic is recognised by source and position.) When the
 * actions list no diagnostics, the only one of that kind is taken; several give undefined, not a guess.
 */
export function findAction<T extends ActionLike>(actions: readonly T[], kind: ActionKind, at?: Pos): T | undefined {
  const ofKind = actions.filter((a) => kindOf(a) === kind);
  if (!at) return ofKind.length === 1 ? ofKind[0] : undefined;
  const forDiag = ofKind.filter((a) => a.diagnostics?.some((d) => d.source === SOURCE && d.range.start.line === at.line && d.range.start.character === at.character));
  if (forDiag.length) return forDiag[0];
  const bare = ofKind.filter((a) => !a.diagnostics?.length);
  return bare.length === 1 ? bare[0] : undefined;
}
