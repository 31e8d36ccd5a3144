// textDocument/codeAction: quick fixes per diagnostic and the file-wide source.fixAll.keyward.
// Each action carries ONE WorkspaceEdit (source + .env + .gitignore + .env.example) so a single
// undo reverts it. Everything is computed from the live text: the secret is re-read from the
// document by offset, never taken from diagnostic data. What a request needs (document, folder,
// settings, merged providers, the findings of this version) is resolved once per request, and the
// findings come from the diagnostics pass's scan of this version, not a scan of their own.
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../engine/types';
import type { ProviderEntry } from '../../../shared/providers';
import { ACTION_KINDS, kindWithin, SERVER_COMMANDS } from '../../../shared/protocol';
import { gitignoreEntryFor } from '../envfiles';
import { classifyFile } from '../../../shared/languages';
import { adviseLoader, loaderTitle, type LoaderPlan } from '../fixes/loaders';
import { editsOverlap } from '../fixes/text';
import { applyEdits, envNameFor, isUnsupported, parseEnv, planEnvEntries, planEnvExampleEntry, planFixAll, planGitignoreEnsure, planIgnoreLine, planMoveToEnv, planQueryToHeader, type TextEdit } from '../fixes';
import { writeRefusal } from '../../../shared/writableInWorkspace';
import { ruleDocsUrl, isKeywardDiagnostic, type DiagnosticData } from './diagnostics';
import type { DocumentScanner } from './documentScan';
import type { OpenDocuments } from './documents';
import { EnvState } from './envState';
import { pathToUri, type Folder, type Folders } from './folders';
import { loaderContext } from './loaderContext';
import { providersFor } from './scanOptions';
import type { KeywardSettings, SettingsStore } from './settings';
import { currentText, EditBuilder } from './workspaceEdit';

export const FIX_ALL_KIND = ACTION_KINDS.fixAll;
export const CMD_UNTRACK = SERVER_COMMANDS.untrackEnv;
export const CMD_BASELINE = SERVER_COMMANDS.addToBaseline;
export const CMD_OPEN_DOCS = SERVER_COMMANDS.openRuleDocs;
export const CMD_EXPLAIN = SERVER_COMMANDS.explainFix;

export interface CodeActionDeps {
  docs: OpenDocuments;
  folders: Folders;
  settings: SettingsStore;
  scanner: DocumentScanner;
  env: EnvState;
  log: (message: string) => void;
}

/** Could an action of `family` or one of its sub-kinds be wanted by `only`? */
function mayWant(only: string[] | undefined, family: string): boolean {
  return !only || only.some((o) => kindWithin(o, family) || kindWithin(family, o));
}

/** Everything one request resolves once and every action of it reads. */
interface Request {
  uri: string;
  doc: TextDocument | undefined;
  folder: Folder | undefined;
  relativePath: string;
  settings: KeywardSettings;
  providers: ProviderEntry[];
  /** The findings of this document version (from the diagnostics pass), fetched at most once. */
  findings(): Promise<Finding[] | undefined>;
}

export class CodeActions {
  /** File texts read during the requests in flight: each file is read once, and the usual three
   *  (.env, .env.example, .gitignore) are read in parallel up front. */
  private reads = new Map<string, Promise<string | undefined>>();
  private inFlight = 0;

  constructor(private readonly deps: CodeActionDeps) {}

  private read(uri: string): Promise<string | undefined> {
    let r = this.reads.get(uri);
    if (!r) {
      r = currentText(this.deps.docs, uri);
      this.reads.set(uri, r);
    }
    return r;
  }

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    this.inFlight++;
    try {
      const req = await this.request(params.textDocument.uri);
      if (req.folder && params.context.diagnostics.some(isKeywardDiagnostic)) {
        for (const name of ['.env', '.env.example', '.gitignore']) void this.read(pathToUri(path.join(req.folder.fsPath, name)));
      }
      return await this.provideNow(req, params);
    } finally {
      if (--this.inFlight === 0) this.reads.clear();
    }
  }

  /** Resolves the document, folder, settings and providers once for the whole request. */
  private async request(uri: string): Promise<Request> {
    const folder = this.deps.folders.folderFor(uri);
    const settings = await this.deps.settings.get(folder?.uri);
    let findings: Promise<Finding[] | undefined> | undefined;
    return {
      uri,
      doc: this.deps.docs.get(uri),
      folder,
      relativePath: this.deps.folders.relativePath(uri),
      settings,
      providers: providersFor(settings),
      findings: () => (findings ??= this.deps.scanner.current(uri)),
    };
  }

  private async provideNow(req: Request, params: CodeActionParams): Promise<CodeAction[]> {
    const only = params.context.only;
    const out: CodeAction[] = [];
    try {
      if (mayWant(only, CodeActionKind.QuickFix)) {
        for (const d of params.context.diagnostics) {
          if (!isKeywardDiagnostic(d)) continue;
          out.push(...(await this.forDiagnostic(req, d)));
        }
      }
      if (only && mayWant(only, FIX_ALL_KIND)) {
        const fixAll = await this.fixAll(req);
        if (fixAll) out.push(fixAll);
      }
    } catch (err) {
      this.deps.log(`code actions failed for ${req.uri}: ${err instanceof Error ? err.message : String(err)}`);
    }
    // `only` may name a sub-kind (quickfix.keyward.moveToEnv): answer exactly what was asked.
    return only ? out.filter((a) => a.kind && only.some((o) => kindWithin(a.kind!, o))) : out;
  }

  private async forDiagnostic(req: Request, d: Diagnostic & { data: DiagnosticData }): Promise<CodeAction[]> {
    const data = d.data;
    switch (data.ruleId) {
      case 'env-not-ignored':
        return this.gitignoreAction(d);
      case 'env-tracked': {
        const envFile = EnvState.envFileOf(d);
        if (!envFile) return [];
        return [
          {
            title: `Stop tracking ${path.basename(envFile)} (git rm --cached; the file stays on disk)…`,
            kind: ACTION_KINDS.untrackEnv,
            diagnostics: [d],
            command: { title: 'Stop tracking', command: CMD_UNTRACK, arguments: [pathToUri(envFile)] },
          },
        ];
      }
      default:
        return this.findingActions(req, d);
    }
  }

  /**
   * The finding a diagnostic refers to, in the findings of this version. When the diagnostic was
   * computed for this version its offset names it; an older one is found by fingerprint, nearest
   * its old offset (the same key twice in a file shares a fingerprint).
   */
  private async liveFinding(req: Request, data: DiagnosticData): Promise<Finding | undefined> {
    const findings = await req.findings();
    if (!findings) return undefined;
    if (req.doc && data.version === req.doc.version) {
      const exact = findings.find((f) => f.offset === data.offset && f.ruleId === data.ruleId && f.fingerprint === data.fingerprint);
      if (exact) return exact;
    }
    let best: Finding | undefined;
    for (const f of findings) {
      if (f.fingerprint !== data.fingerprint || f.ruleId !== data.ruleId) continue;
      if (!best || Math.abs(f.offset - data.offset) < Math.abs(best.offset - data.offset)) best = f;
    }
    return best;
  }

  private async findingActions(req: Request, d: Diagnostic & { data: DiagnosticData }): Promise<CodeAction[]> {
    const finding = await this.liveFinding(req, d.data);
    const out: CodeAction[] = [];
    if (finding && finding.ruleId === 'hardcoded-key') out.push(...(await this.moveActions(req, finding, d)));
    const header = finding && finding.ruleId === 'query-string-auth' ? await this.queryAction(req, finding, d) : undefined;
    if (header) out.push(header);
    if (d.data.ruleId === 'query-string-auth') {
      out.push({
        title: 'Why a key in the URL leaks (keyward docs)',
        kind: ACTION_KINDS.openRuleDocs,
        diagnostics: [d],
        command: { title: 'Open keyward docs', command: CMD_OPEN_DOCS, arguments: [ruleDocsUrl('query-string-auth')] },
      });
    }
    const ignore = finding && this.ignoreLineAction(req, finding, d);
    if (ignore) out.push(ignore);
    if (req.folder && finding) {
      out.push({
        title: 'Add this finding to the keyward baseline',
        kind: ACTION_KINDS.addToBaseline,
        diagnostics: [d],
        command: { title: 'Add to baseline', command: CMD_BASELINE, arguments: [{ uri: req.uri, fingerprint: finding.fingerprint, ruleId: finding.ruleId }] },
      });
    }
    return out;
  }

  /** A keyward-ignore comment in the file's own comment syntax, on or above the line. */
  private ignoreLineAction(req: Request, finding: Finding, d: Diagnostic): CodeAction | undefined {
    const doc = req.doc;
    if (!doc) return undefined;
    const edit = planIgnoreLine(doc.getText(), doc.languageId, finding.range.start.line, req.relativePath, finding.family);
    if (!edit) return undefined;
    const b = new EditBuilder(this.deps.docs).edit(req.uri, [edit]);
    return { title: 'Ignore this line (keyward-ignore comment)', kind: ACTION_KINDS.ignoreLine, diagnostics: [d], edit: b.build() };
  }

  /** source.fixAll.keyward: every key and query-string credential of the file in one edit. */
  private async fixAll(req: Request): Promise<CodeAction | undefined> {
    const { doc, folder } = req;
    if (!doc || !folder) return undefined;
    const findings = (await req.findings())?.filter((f) => f.ruleId === 'hardcoded-key' || f.ruleId === 'query-string-auth') ?? [];
    if (!findings.length) return undefined;
    const envUri = pathToUri(path.join(folder.fsPath, '.env'));
    const envText = await this.read(envUri);
    const plan = planFixAll(doc.getText(), doc.languageId, req.relativePath, findings, parseEnv(envText ?? ''), req.providers);
    // A value bound for somewhere keyward cannot write (repository secrets) would be lost.
    if (!plan.edits.length || plan.entries.some((e) => e.destination !== 'env-file')) return undefined;
    const edit = await this.assemble(req.uri, folder, plan.edits, plan.entries);
    // On save there is no one to explain a refusal to: the per-key fixes say why.
    if (!edit || isRefused(edit)) return undefined;
    return { title: 'Move all keys of this file to environment variables', kind: FIX_ALL_KIND, edit };
  }

  /** "Send the key in a header instead" where the call's shape allows it, else an explanation. */
  private async queryAction(req: Request, finding: Finding, d: Diagnostic): Promise<CodeAction | undefined> {
    const { doc, folder } = req;
    if (!doc) return undefined;
    const text = doc.getText();
    let name: string | undefined;
    if (finding.valueIsLiteral && folder) {
      const value = text.slice(finding.offset + (finding.param?.length ?? 0) + 1, finding.offset + finding.length);
      const env = parseEnv((await this.read(pathToUri(path.join(folder.fsPath, '.env')))) ?? '');
      name = envNameFor(finding, [...env].filter(([, v]) => v !== value).map(([k]) => k), req.providers);
    }
    const plan = planQueryToHeader({ text, languageId: doc.languageId, filePath: req.relativePath, finding, name, providers: req.providers });
    if (isUnsupported(plan)) return undefined;
    const entries = plan.value !== undefined && plan.name ? [{ name: plan.name, value: plan.value, destination: plan.destination ?? 'env-file' }] : [];
    if (entries.some((e) => e.destination !== 'env-file') || (entries.length && !folder)) return undefined;
    const edit = folder ? await this.assemble(req.uri, folder, plan.edits, entries) : new EditBuilder(this.deps.docs).edit(req.uri, plan.edits).build();
    if (!edit) return undefined;
    if (isRefused(edit)) return explainAction(d, edit.refused);
    return { title: `Send the key in the ${plan.header} header instead`, kind: ACTION_KINDS.queryToHeader, diagnostics: [d], isPreferred: true, edit };
  }

  /**
   * One WorkspaceEdit: the source edits, then `NAME=value` lines in the folder's .env (created if
   * missing, never overwriting a different value), the .gitignore line when git would not ignore
   * .env, and `NAME=` in an existing .env.example. Refused, with the reason, when a value cannot be
   * written safely or .env/.env.example is a link or leads outside the folder.
   */
  private async assemble(
    uri: string,
    folder: Folder,
    sourceEdits: TextEdit[],
    entries: { name: string; value: string }[],
    otherFiles: readonly { path: string; edits: TextEdit[]; create?: boolean }[] = [],
  ): Promise<WorkspaceEdit | Refused | undefined> {
    const b = new EditBuilder(this.deps.docs);
    b.edit(uri, dedupe(sourceEdits));
    // Manifests and launch configs a loader action adds to (paths relative to the folder).
    for (const f of otherFiles) {
      const abs = path.join(folder.fsPath, ...f.path.split('/'));
      const refused = await writeRefusal(abs, folder.fsPath);
      if (refused) return { refused };
      const fileUri = pathToUri(abs);
      if (f.create) b.create(fileUri);
      b.edit(fileUri, f.edits);
    }
    if (entries.length) {
      const envPath = path.join(folder.fsPath, '.env');
      const envUri = pathToUri(envPath);
      const examplePath = path.join(folder.fsPath, '.env.example');
      for (const p of [envPath, examplePath]) {
        const refused = await writeRefusal(p, folder.fsPath);
        if (refused) return { refused };
      }
      const envText = await this.read(envUri);
      const planned = planEnvEntries(envText, entries);
      const unsafe = planned.entries.find((e) => e.error);
      if (unsafe?.error) return { refused: unsafe.error };
      // A name the .env plan had to change would leave the source reading the wrong variable.
      if (planned.entries.some((e) => e.name !== e.requested)) return undefined;
      if (planned.create !== undefined) b.create(envUri).edit(envUri, [insertAll(planned.create)]);
      else if (planned.edit) b.edit(envUri, [planned.edit]);
      // A .gitignore keyward may not write is left alone; the .env's not-ignored diagnostic says why.
      await this.ensureIgnored(b, folder, envPath);
      const exampleUri = pathToUri(examplePath);
      const exampleText = await this.read(exampleUri);
      if (exampleText !== undefined) {
        // Each planned line is an append: apply them in turn, then insert the grown tail once.
        let grown = exampleText;
        for (const name of new Set(entries.map((e) => e.name))) {
          const ex = planEnvExampleEntry(grown, name);
          if (ex.edit) grown = applyEdits(grown, [ex.edit]);
        }
        if (grown !== exampleText && grown.startsWith(exampleText)) {
          const end = endOf(exampleText);
          b.edit(exampleUri, [{ range: { start: end, end }, newText: grown.slice(exampleText.length) }]);
        }
      }
    }
    return b.build();
  }

  /**
   * "Move key to environment variable": the preferred fix for one hardcoded key, its title naming
   * what loads .env; when the program itself loads nothing, one "move and load .env with …" action
   * per loader the ecosystem offers, each a single edit with the manifests it needs.
   */
  private async moveActions(req: Request, finding: Finding, diagnostic: Diagnostic): Promise<CodeAction[]> {
    const { doc, folder } = req;
    // Without a folder there is no project .env to receive the value: moving would lose it.
    if (!doc || !folder) return [];
    const r = await this.moveAction(req, finding, diagnostic);
    if (!r || !('plan' in r)) return r ? [r] : [];
    const { action, plan } = r;
    const family = finding.family ?? classifyFile(req.relativePath, doc.languageId);
    const ctx = await loaderContext(folder, { text: doc.getText(), path: req.relativePath, family, languageId: doc.languageId }, (uri) => this.read(uri));
    const advice = adviseLoader(ctx);
    if (advice.note) action.title += ` (${advice.note})`;
    const out: CodeAction[] = [action];
    for (const loader of advice.plans) {
      const withLoader = await this.loaderAction(req, folder, plan, loader, diagnostic);
      if (withLoader) out.push(withLoader);
    }
    return out;
  }

  /** The move plus one loader, in one WorkspaceEdit; none when its edits would collide or a file may not be written. */
  private async loaderAction(req: Request, folder: Folder, plan: { edits: TextEdit[]; name: string; value: string }, loader: LoaderPlan, diagnostic: Diagnostic): Promise<CodeAction | undefined> {
    if (loader.sourceEdits.some((l) => plan.edits.some((m) => editsOverlap(l, m)))) return undefined;
    const edit = await this.assemble(req.uri, folder, [...plan.edits, ...loader.sourceEdits], [{ name: plan.name, value: plan.value }], loader.files);
    if (!edit || isRefused(edit)) {
      if (edit) this.deps.log(`loader action for ${req.uri} not offered: ${edit.refused}`);
      return undefined;
    }
    return { title: `Move key to environment variable ${plan.name} and ${loaderTitle(loader)}`, kind: ACTION_KINDS.moveToEnvWithLoader, diagnostics: [diagnostic], edit };
  }

  /** The plain move (with the plan it came from, for the loader variants), or an explanation. */
  private async moveAction(req: Request, finding: Finding, diagnostic: Diagnostic): Promise<{ action: CodeAction; plan: { edits: TextEdit[]; name: string; value: string } } | CodeAction | undefined> {
    const { doc, folder } = req;
    if (!doc || !folder) return undefined;
    const text = doc.getText();
    const value = text.slice(finding.offset, finding.offset + finding.length);
    const envText = await this.read(pathToUri(path.join(folder.fsPath, '.env')));
    // Names already holding a different value are taken; the same value may reuse its name.
    const taken = [...parseEnv(envText ?? '')].filter(([, v]) => v !== value).map(([k]) => k);
    const name = envNameFor(finding, taken, req.providers);
    const plan = planMoveToEnv({ text, languageId: doc.languageId, filePath: req.relativePath, finding, name });
    if (isUnsupported(plan)) {
      // Say why instead of offering nothing (JSON cannot read env vars, multi-line secrets, ...).
      return {
        title: 'Why keyward cannot move this key by itself',
        kind: ACTION_KINDS.explainFix,
        diagnostics: [diagnostic],
        command: { title: 'Explain', command: CMD_EXPLAIN, arguments: [plan.unsupported] },
      };
    }
    // GitHub Actions: the value belongs in repository secrets, which keyward cannot write.
    if (plan.destination !== 'env-file') return undefined;
    const edit = await this.assemble(req.uri, folder, plan.edits, [{ name: plan.name, value: plan.value }]);
    if (!edit) return undefined;
    if (isRefused(edit)) return explainAction(diagnostic, edit.refused);
    return {
      action: {
        title: `Move key to environment variable ${plan.name}${plan.note ? ` (${plan.note})` : ''}`,
        kind: ACTION_KINDS.moveToEnv,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit,
      },
      plan,
    };
  }

  /**
   * Adds the .gitignore line for `envPath` to the builder when git would not ignore it. Returns why
   * it did not when the .gitignore may not be written (a link, or a real path outside the folder).
   */
  private async ensureIgnored(b: EditBuilder, folder: Folder, envPath: string): Promise<string | undefined> {
    const status = await this.deps.env.statusFor(folder, envPath);
    if (status?.ignored) return undefined;
    const target = status?.gitignoreToEdit ?? path.join(folder.fsPath, '.gitignore');
    const refused = await writeRefusal(target, folder.fsPath, status?.repoRoot);
    if (refused) return refused;
    const entry = status ? gitignoreEntryFor(status) : '.env';
    const targetUri = pathToUri(target);
    const plan = planGitignoreEnsure(await this.read(targetUri), entry, status ? true : undefined);
    if (plan.create !== undefined) b.create(targetUri).edit(targetUri, [insertAll(plan.create)]);
    else if (plan.edit) b.edit(targetUri, [plan.edit]);
    return undefined;
  }

  private async gitignoreAction(d: Diagnostic): Promise<CodeAction[]> {
    const envFile = EnvState.envFileOf(d);
    const folder = envFile ? this.deps.folders.folderFor(pathToUri(envFile)) : undefined;
    if (!envFile || !folder) return [];
    const b = new EditBuilder(this.deps.docs);
    const refused = await this.ensureIgnored(b, folder, envFile);
    const status = this.deps.env.statusOf(envFile);
    const entry = status ? gitignoreEntryFor(status) : path.basename(envFile);
    if (refused) return [{ title: `Why keyward cannot add ${entry} to .gitignore`, kind: ACTION_KINDS.explainFix, diagnostics: [d], command: { title: 'Explain', command: CMD_EXPLAIN, arguments: [refused] } }];
    if (b.empty) return [];
    return [{ title: `Add ${entry} to .gitignore`, kind: ACTION_KINDS.addToGitignore, diagnostics: [d], isPreferred: true, edit: b.build() }];
  }
}

/** Why a fix wrote nothing: a value no .env quoting holds safely, or a linked/outside .env. */
interface Refused {
  refused: string;
}

function isRefused(x: WorkspaceEdit | Refused): x is Refused {
  return typeof (x as Refused).refused === 'string';
}

/** Says why instead of offering nothing (the reason never holds the secret). */
function explainAction(diagnostic: Diagnostic, reason: string): CodeAction {
  return {
    title: 'Why keyward cannot move this key by itself',
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: 'Explain', command: CMD_EXPLAIN, arguments: [reason] },
  };
}

function insertAll(text: string): TextEdit {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text };
}

function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** Identical edits (the same import added for two keys) are applied once. */
function dedupe(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const k = JSON.stringify(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
