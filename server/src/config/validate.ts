// Text of a .keyward.json(c) -> a RepoConfig, or problems that name the file, line and field.
// Pure: no fs. Errors make the whole file unusable (never half-applied); warnings do not.
// (jsonc-parser's ESM build: its UMD main uses a dynamic require that esbuild cannot bundle.)
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main';
import { BUILTIN_PROVIDERS } from '../../../shared/providers/builtin';
import { KEY_FORMATS } from '../engine/formats';
import type { RuleId, SeveritySetting } from '../engine/types';
import { EDITOR_ONLY_FIELDS, forbiddenReason, KEY_FORMAT_FIELDS, REPOSITORY_FIELDS, RULE_IDS, SEVERITY_LEVELS, TEST_PATH_FIELDS } from './fields';
import { checkUserPattern } from './pattern';

/** One custom key format: detection data only (no base URL, no auth style). */
export interface CustomKeyFormat {
  id: string;
  name: string;
  /** Regex source of the key itself. */
  pattern: string;
  envVar?: string;
  hosts: string[];
  headers: string[];
}

export interface RepoConfig {
  rules: Partial<Record<RuleId, SeveritySetting>>;
  exclude: string[];
  extraKeyNames: string[];
  customKeyFormats: CustomKeyFormat[];
  /** Test-path demotion (decisions.md): on/off and the globs that mark test paths. */
  testPaths?: { demote?: boolean; patterns?: string[] };
}

export interface ConfigProblem {
  file: string;
  line?: number;
  column?: number;
  /** JSON path of the field, e.g. `customKeyFormats[0].baseUrl`. */
  field?: string;
  message: string;
}

export interface ParsedConfig {
  /** Present when there are no errors. */
  config?: RepoConfig;
  errors: ConfigProblem[];
  warnings: ConfigProblem[];
}

const MAX_LIST = 200;
const ID_RE = /^[a-z0-9][a-z0-9-]*$/;
const ENV_VAR_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Provider ids keyward knows: a repository format taking one would be attributed to (and verified with) that provider. */
const BUILTIN_IDS = new Set([...BUILTIN_PROVIDERS.map((p) => p.id), ...KEY_FORMATS.map((f) => f.provider).filter((id): id is string => !!id)]);

/** `file:line:column: field: message`, the shape compilers and editors' problem matchers read. */
export function formatProblem(p: ConfigProblem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

export function parseRepoConfig(text: string, file: string, opts: { comments: boolean }): ParsedConfig {
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: opts.comments, disallowComments: !opts.comments });
  if (parseErrors.length) {
    const e = parseErrors[0];
    const code = printParseErrorCode(e.error);
    // "CloseBraceExpected" -> "close brace expected"
    const what = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    const hint = code === 'InvalidCommentToken' ? ' (comments are allowed in .keyward.jsonc, not in .keyward.json)' : '';
    // Never quote the text: a config is not a secret, but the file next to it may have been pasted in.
    return { errors: [{ file, ...position(text, e.offset), message: `not valid JSON: ${what}${hint}` }], warnings: [] };
  }
  const v = new Validator(text, file);
  const config = v.top(root);
  return v.errors.length || !config ? { errors: v.errors, warnings: v.warnings } : { config, errors: [], warnings: v.warnings };
}

/** Walks the parsed tree field by field, collecting problems with their positions. */
class Validator {
  readonly errors: ConfigProblem[] = [];
  readonly warnings: ConfigProblem[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  err(node: Node | undefined, field: string | undefined, message: string): void {
    this.errors.push({ file: this.file, ...position(this.text, node?.offset ?? 0), field, message });
  }

  warn(node: Node | undefined, field: string | undefined, message: string): void {
    this.warnings.push({ file: this.file, ...position(this.text, node?.offset ?? 0), field, message });
  }

  /** A name a repository may never set: an error, and true. */
  forbidden(name: string, keyNode: Node, field: string): boolean {
    const reason = forbiddenReason(name);
    if (reason) this.err(keyNode, field, `a repository may not set "${name}": it ${reason}`);
    return !!reason;
  }

  top(root: Node | undefined): RepoConfig | undefined {
    if (!root || root.type !== 'object') {
      this.err(root, undefined, 'must be a JSON object ({ … })');
      return undefined;
    }
    const config: RepoConfig = { rules: {}, exclude: [], extraKeyNames: [], customKeyFormats: [] };
    for (const [key, value, keyNode] of properties(root)) {
      if (this.forbidden(key, keyNode, key)) continue;
      switch (key) {
        case '$schema':
          if (value.type !== 'string') this.err(value, key, 'must be a string');
          break;
        case 'rules':
          config.rules = this.rules(value);
          break;
        case 'exclude':
          config.exclude = this.strings(value, key);
          break;
        case 'extraKeyNames':
          config.extraKeyNames = this.strings(value, key, (s, node, field) => {
            const bad = checkUserPattern(s);
            if (bad) this.err(node, field, bad);
          });
          break;
        case 'customKeyFormats':
          config.customKeyFormats = this.keyFormats(value);
          break;
        case 'testPaths':
          config.testPaths = this.testPaths(value);
          break;
        default:
          if (key.startsWith('keyward.') || EDITOR_ONLY_FIELDS.has(key)) this.warn(keyNode, key, `ignored: "${key}" is an editor setting, not a repository one`);
          else this.warn(keyNode, key, `ignored: unknown field (known: ${REPOSITORY_FIELDS.filter((f) => f !== '$schema').join(', ')})`);
      }
    }
    return config;
  }

  rules(node: Node): Partial<Record<RuleId, SeveritySetting>> {
    const out: Partial<Record<RuleId, SeveritySetting>> = {};
    if (node.type !== 'object') {
      this.err(node, 'rules', `must be an object of rule -> level, e.g. { "hardcoded-key": "error" }`);
      return out;
    }
    for (const [rule, level, keyNode] of properties(node)) {
      const field = `rules.${rule}`;
      if (!(RULE_IDS as readonly string[]).includes(rule)) {
        this.err(keyNode, field, `unknown rule (rules: ${RULE_IDS.join(', ')})`);
        continue;
      }
      // `{ "severity": "error" }` mirrors the editor setting keyward.rules.<id>.severity.
      const levelNode = level.type === 'object' ? properties(level).find(([k]) => k === 'severity')?.[1] : level;
      if (level.type === 'object') {
        for (const [k, , kn] of properties(level)) if (k !== 'severity') this.warn(kn, `${field}.${k}`, 'ignored: unknown field (known: severity)');
      }
      if (levelNode?.type !== 'string' || !(SEVERITY_LEVELS as readonly string[]).includes(levelNode.value)) {
        this.err(levelNode ?? level, field, `must be one of ${SEVERITY_LEVELS.join(', ')}`);
        continue;
      }
      out[rule as RuleId] = levelNode.value as SeveritySetting;
    }
    return out;
  }

  strings(node: Node, field: string, check?: (s: string, node: Node, field: string) => void): string[] {
    if (node.type !== 'array') {
      this.err(node, field, 'must be an array of strings');
      return [];
    }
    const items = node.children ?? [];
    if (items.length > MAX_LIST) this.err(node, field, `has ${items.length} entries; at most ${MAX_LIST}`);
    const out: string[] = [];
    items.forEach((item, i) => {
      const f = `${field}[${i}]`;
      if (item.type !== 'string' || !item.value) this.err(item, f, 'must be a non-empty string');
      else {
        check?.(item.value, item, f);
        out.push(item.value);
      }
    });
    return out;
  }

  keyFormats(node: Node): CustomKeyFormat[] {
    if (node.type !== 'array') {
      this.err(node, 'customKeyFormats', 'must be an array of { "id", "name", "pattern" } objects');
      return [];
    }
    const seen = new Set<string>();
    const out: CustomKeyFormat[] = [];
    (node.children ?? []).forEach((entry, i) => {
      const f = this.keyFormat(entry, `customKeyFormats[${i}]`, seen);
      if (f) out.push(f);
    });
    return out;
  }

  keyFormat(entry: Node, base: string, seen: Set<string>): CustomKeyFormat | undefined {
    if (entry.type !== 'object') {
      this.err(entry, base, 'must be an object with "id", "name" and "pattern"');
      return undefined;
    }
    const before = this.errors.length;
    const f: Partial<CustomKeyFormat> = { hosts: [], headers: [] };
    for (const [key, value, keyNode] of properties(entry)) {
      const field = `${base}.${key}`;
      if (this.forbidden(key, keyNode, field)) continue;
      const str = value.type === 'string' ? (value.value as string) : undefined;
      switch (key) {
        case 'id':
          if (str === undefined || !ID_RE.test(str)) this.err(value, field, 'must be lower-case letters, digits and "-" (e.g. "acme")');
          else if (BUILTIN_IDS.has(str)) this.err(value, field, `"${str}" is a built-in provider: a repository may add formats, not replace built-in ones; choose another id`);
          else if (seen.has(str)) this.err(value, field, `"${str}" is used twice`);
          else seen.add((f.id = str));
          break;
        case 'name':
          if (!str?.trim()) this.err(value, field, 'must be a non-empty string');
          else f.name = str;
          break;
        case 'pattern': {
          const bad = !str ? 'must be a non-empty regular expression string' : checkUserPattern(str, { keyFormat: true });
          if (bad) this.err(value, field, bad);
          else f.pattern = str;
          break;
        }
        case 'envVar':
          if (str === undefined || !ENV_VAR_RE.test(str)) this.err(value, field, 'must be an environment variable name (letters, digits, "_")');
          else f.envVar = str;
          break;
        case 'hosts':
        case 'headers':
          f[key] = this.strings(value, field);
          break;
        default:
          this.warn(keyNode, field, `ignored: unknown field (known: ${KEY_FORMAT_FIELDS.join(', ')})`);
      }
    }
    if (this.errors.length > before) return undefined;
    for (const req of ['id', 'name', 'pattern'] as const) {
      if (f[req] === undefined) {
        this.err(entry, base, `needs "${req}"`);
        return undefined;
      }
    }
    return f as CustomKeyFormat;
  }

  testPaths(node: Node): RepoConfig['testPaths'] {
    if (node.type !== 'object') {
      this.err(node, 'testPaths', 'must be an object { "demote": boolean, "patterns": [globs] }');
      return undefined;
    }
    const out: NonNullable<RepoConfig['testPaths']> = {};
    for (const [key, value, keyNode] of properties(node)) {
      if (key === 'demote') {
        if (value.type !== 'boolean') this.err(value, 'testPaths.demote', 'must be true or false');
        else out.demote = value.value;
      } else if (key === 'patterns') out.patterns = this.strings(value, 'testPaths.patterns');
      else this.warn(keyNode, `testPaths.${key}`, `ignored: unknown field (known: ${TEST_PATH_FIELDS.join(', ')})`);
    }
    return out;
  }
}

/** [name, value node, key node] of an object node's properties. */
function properties(obj: Node): [string, Node, Node][] {
  const out: [string, Node, Node][] = [];
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v) out.push([String(k.value), v, k]);
  }
  return out;
}

/** 1-based line and column of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
