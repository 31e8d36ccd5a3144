// textDocument/codeAction: quick fixes per diagnostic and the file-wide source.fixAll.keyward.
// Each action carries ONE WorkspaceEdit (source + .env + .gitignore + .env.example) so a single
// undo reverts it. Everything is computed from the live text: the secret is re-read from the
// document by offset, never taken from diagnostic data.
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding } from '../engine/types';
import { gitignoreEntryFor } from '../envfiles';
import { applyEdits, envNameFor, isUnsupported, parseEnv, planEnvEntries, planEnvExampleEntry, planFixAll, planGitignoreEnsure, planIgnoreLine, planMoveToEnv, planQueryToHeader, type TextEdit } from '../fixes';
import { mergeProviders } from '../../../shared/providers';
import { ruleDocsUrl, isKeywardDiagnostic, type DiagnosticData } from './diagnostics';
import type { DocumentScanner } from './documentScan';
import type { OpenDocuments } from './documents';
import { EnvState } from './envState';
import { pathToUri, type Folder, type Folders } from './folders';
import type { SettingsStore } from './settings';
import { currentText, EditBuilder } from './workspaceEdit';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.keyward`;
export const CMD_UNTRACK = 'keyward.untrackEnv';
export const CMD_BASELINE = 'keyward.addToBaseline';
export const CMD_OPEN_DOCS = 'keyward.openRuleDocs';
export const CMD_EXPLAIN = 'keyward.explainFix';

export interface CodeActionDeps {
  docs: OpenDocuments;
  folders: Folders;
  settings: SettingsStore;
  scanner: DocumentScanner;
  env: EnvState;
  log: (message: string) => void;
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
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
      const folder = this.deps.folders.folderFor(params.textDocument.uri);
      if (folder && params.context.diagnostics.some(isKeywardDiagnostic)) {
        for (const name of ['.env', '.env.example', '.gitignore']) void this.read(pathToUri(path.join(folder.fsPath, name)));
      }
      return await this.provideNow(params);
    } finally {
      if (--this.inFlight === 0) this.reads.clear();
    }
  }

  private async provideNow(params: CodeActionParams): Promise<CodeAction[]> {
    const uri = params.textDocument.uri;
    const only = params.context.only;
    const out: CodeAction[] = [];
    try {
      if (wants(only, CodeActionKind.QuickFix)) {
        for (const d of params.context.diagnostics) {
          if (!isKeywardDiagnostic(d)) continue;
          out.push(...(await this.forDiagnostic(uri, d)));
        }
      }
      if (only && wants(only, FIX_ALL_KIND)) {
        const fixAll = await this.fixAll(uri);
        if (fixAll) out.push(fixAll);
      }
    } catch (err) {
      this.deps.log(`code actions failed for ${uri}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return out;
  }

  private async forDiagnostic(uri: string, d: Diagnostic & { data: DiagnosticData }): Promise<CodeAction[]> {
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
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            command: { title: 'Stop tracking', command: CMD_UNTRACK, arguments: [pathToUri(envFile)] },
          },
        ];
      }
      default:
        return this.findingActions(uri, d);
    }
  }

  /** The live finding a diagnostic refers to; re-scanned when the document moved on. */
  private async liveFinding(uri: string, data: DiagnosticData): Promise<Finding | undefined> {
    const findings = await this.deps.scanner.current(uri);
    if (!findings) return undefined;
    const same = findings.filter((f) => f.fingerprint === data.fingerprint && f.ruleId === data.ruleId);
    // The same key twice in a file shares a fingerprint: take the occurrence nearest the old offset.
    return same.sort((a, b) => Math.abs(a.offset - data.offset) - Math.abs(b.offset - data.offset))[0];
  }

  private async findingActions(uri: string, d: Diagnostic & { data: DiagnosticData }): Promise<CodeAction[]> {
    const finding = await this.liveFinding(uri, d.data);
    const out: CodeAction[] = [];
    if (finding && finding.ruleId === 'hardcoded-key') {
      const move = await this.moveAction(uri, finding, d);
      if (move) out.push(move);
    }
    const header = finding && finding.ruleId === 'query-string-auth' ? await this.queryAction(uri, finding, d) : undefined;
    if (header) out.push(header);
    if (d.data.ruleId === 'query-string-auth') {
      out.push({
        title: 'Why a key in the URL leaks (keyward docs)',
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: 'Open keyward docs', command: CMD_OPEN_DOCS, arguments: [ruleDocsUrl('query-string-auth')] },
      });
    }
    const ignore = finding && this.ignoreLineAction(uri, finding, d);
    if (ignore) out.push(ignore);
    const folder = this.deps.folders.folderFor(uri);
    if (folder && finding) {
      out.push({
        title: 'Add this finding to the keyward baseline',
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: 'Add to baseline', command: CMD_BASELINE, arguments: [{ uri, fingerprint: finding.fingerprint, ruleId: finding.ruleId }] },
      });
    }
    return out;
  }

  /** A keyward-ignore comment in the file's own comment syntax, on or above the line. */
  private ignoreLineAction(uri: string, finding: Finding, d: Diagnostic): CodeAction | undefined {
    const doc = this.deps.docs.get(uri);
    if (!doc) return undefined;
    const edit = planIgnoreLine(doc.getText(), doc.languageId, finding.range.start.line, this.deps.folders.relativePath(uri), finding.family);
    if (!edit) return undefined;
    const b = new EditBuilder(this.deps.docs).edit(uri, [edit]);
    return { title: 'Ignore this line (keyward-ignore comment)', kind: CodeActionKind.QuickFix, diagnostics: [d], edit: b.build() };
  }

  /** source.fixAll.keyward: every key and query-string credential of the file in one edit. */
  private async fixAll(uri: string): Promise<CodeAction | undefined> {
    const doc = this.deps.docs.get(uri);
    const folder = this.deps.folders.folderFor(uri);
    const findings = (await this.deps.scanner.current(uri))?.filter((f) => f.ruleId === 'hardcoded-key' || f.ruleId === 'query-string-auth') ?? [];
    if (!doc || !folder || !findings.length) return undefined;
    const settings = await this.deps.settings.get(folder.uri);
    const envUri = pathToUri(path.join(folder.fsPath, '.env'));
    const envText = await this.read(envUri);
    const plan = planFixAll(doc.getText(), doc.languageId, this.deps.folders.relativePath(uri), findings, parseEnv(envText ?? ''), mergeProviders(settings.customProviders));
    // A value bound for somewhere keyward cannot write (repository secrets) would be lost.
    if (!plan.edits.length || plan.entries.some((e) => e.destination !== 'env-file')) return undefined;
    const edit = await this.assemble(uri, folder, plan.edits, plan.entries);
    if (!edit) return undefined;
    return { title: 'Move all keys of this file to environment variables', kind: FIX_ALL_KIND, edit };
  }

  /** "Send the key in a header instead" where the call's shape allows it, else an explanation. */
  private async queryAction(uri: string, finding: Finding, d: Diagnostic): Promise<CodeAction | undefined> {
    const doc = this.deps.docs.get(uri);
    const folder = this.deps.folders.folderFor(uri);
    if (!doc) return undefined;
    const settings = await this.deps.settings.get(folder?.uri);
    const text = doc.getText();
    let name: string | undefined;
    if (finding.valueIsLiteral && folder) {
      const value = text.slice(finding.offset + (finding.param?.length ?? 0) + 1, finding.offset + finding.length);
      const env = parseEnv((await this.read(pathToUri(path.join(folder.fsPath, '.env')))) ?? '');
      name = envNameFor(finding, [...env].filter(([, v]) => v !== value).map(([k]) => k), mergeProviders(settings.customProviders));
    }
    const plan = planQueryToHeader({ text, languageId: doc.languageId, filePath: this.deps.folders.relativePath(uri), finding, name, providers: mergeProviders(settings.customProviders) });
    if (isUnsupported(plan)) return undefined;
    const entries = plan.value !== undefined && plan.name ? [{ name: plan.name, value: plan.value, destination: plan.destination ?? 'env-file' }] : [];
    if (entries.some((e) => e.destination !== 'env-file') || (entries.length && !folder)) return undefined;
    const edit = folder ? await this.assemble(uri, folder, plan.edits, entries) : new EditBuilder(this.deps.docs).edit(uri, plan.edits).build();
    if (!edit) return undefined;
    return { title: `Send the key in the ${plan.header} header instead`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit };
  }

  /**
   * One WorkspaceEdit: the source edits, then `NAME=value` lines in the folder's .env (created if
   * missing, never overwriting a different value), the .gitignore line when git would not ignore
   * .env, and `NAME=` in an existing .env.example.
   */
  private async assemble(
    uri: string,
    folder: Folder,
    sourceEdits: TextEdit[],
    entries: { name: string; value: string }[],
  ): Promise<WorkspaceEdit | undefined> {
    const b = new EditBuilder(this.deps.docs);
    b.edit(uri, dedupe(sourceEdits));
    if (entries.length) {
      const envPath = path.join(folder.fsPath, '.env');
      const envUri = pathToUri(envPath);
      const envText = await this.read(envUri);
      const planned = planEnvEntries(envText, entries);
      // A name the .env plan had to change would leave the source reading the wrong variable.
      if (planned.entries.some((e) => e.error || e.name !== e.requested)) return undefined;
      if (planned.create !== undefined) b.create(envUri).edit(envUri, [insertAll(planned.create)]);
      else if (planned.edit) b.edit(envUri, [planned.edit]);
      await this.ensureIgnored(b, folder, envPath);
      const exampleUri = pathToUri(path.join(folder.fsPath, '.env.example'));
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

  /** "Move key to environment variable": the preferred fix for one hardcoded key. */
  private async moveAction(uri: string, finding: Finding, diagnostic: Diagnostic): Promise<CodeAction | undefined> {
    const doc = this.deps.docs.get(uri);
    const folder = this.deps.folders.folderFor(uri);
    // Without a folder there is no project .env to receive the value: moving would lose it.
    if (!doc || !folder) return undefined;
    const settings = await this.deps.settings.get(folder.uri);
    const text = doc.getText();
    const value = text.slice(finding.offset, finding.offset + finding.length);
    const envText = await this.read(pathToUri(path.join(folder.fsPath, '.env')));
    // Names already holding a different value are taken; the same value may reuse its name.
    const taken = [...parseEnv(envText ?? '')].filter(([, v]) => v !== value).map(([k]) => k);
    const name = envNameFor(finding, taken, mergeProviders(settings.customProviders));
    const plan = planMoveToEnv({ text, languageId: doc.languageId, filePath: this.deps.folders.relativePath(uri), finding, name });
    if (isUnsupported(plan)) {
      // Say why instead of offering nothing (JSON cannot read env vars, multi-line secrets, ...).
      return {
        title: 'Why keyward cannot move this key by itself',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Explain', command: CMD_EXPLAIN, arguments: [plan.unsupported] },
      };
    }
    // GitHub Actions: the value belongs in repository secrets, which keyward cannot write.
    if (plan.destination !== 'env-file') return undefined;
    const edit = await this.assemble(uri, folder, plan.edits, [{ name: plan.name, value: plan.value }]);
    if (!edit) return undefined;
    return {
      title: `Move key to environment variable ${plan.name}${plan.note ? ` (${plan.note})` : ''}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit,
    };
  }

  /** Adds the .gitignore line for `envPath` to the builder when git would not ignore it. */
  private async ensureIgnored(b: EditBuilder, folder: Folder, envPath: string): Promise<void> {
    const status = await this.deps.env.statusFor(folder, envPath);
    if (status?.ignored) return;
    const target = status?.gitignoreToEdit ?? path.join(folder.fsPath, '.gitignore');
    const entry = status ? gitignoreEntryFor(status) : '.env';
    const targetUri = pathToUri(target);
    const plan = planGitignoreEnsure(await this.read(targetUri), entry, status ? true : undefined);
    if (plan.create !== undefined) b.create(targetUri).edit(targetUri, [insertAll(plan.create)]);
    else if (plan.edit) b.edit(targetUri, [plan.edit]);
  }

  private async gitignoreAction(d: Diagnostic): Promise<CodeAction[]> {
    const envFile = EnvState.envFileOf(d);
    const folder = envFile ? this.deps.folders.folderFor(pathToUri(envFile)) : undefined;
    if (!envFile || !folder) return [];
    const b = new EditBuilder(this.deps.docs);
    await this.ensureIgnored(b, folder, envFile);
    if (b.empty) return [];
    const status = this.deps.env.statusOf(envFile);
    const entry = status ? gitignoreEntryFor(status) : path.basename(envFile);
    return [{ title: `Add ${entry} to .gitignore`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: b.build() }];
  }
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
