// textDocument/codeAction: quick fixes per diagnostic and the file-wide source.fixAll.keyward.
// Each action carries ONE WorkspaceEdit (source + .env + .gitignore + .env.example) so a single
// undo reverts it. Everything is computed from the live text: the secret is re-read from the
// document by offset, never taken from diagnostic data.
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../engine/types';
import { gitignoreEntryFor } from '../envfiles';
import { applyEdits, envNameFor, isUnsupported, parseEnv, planEnvEntries, planEnvExampleEntry, planGitignoreEnsure, planIgnoreLine, planMoveToEnv, type MovePlan, type TextEdit } from '../fixes';
import { mergeProviders } from '../providers';
import { ruleDocsUrl, isKeywardDiagnostic, type DiagnosticData } from './diagnostics';
import type { DocumentScanner } from './documentScan';
import type { OpenDocuments } from './documents';
import { EnvState } from './envState';
import { pathToUri, type Folders } from './folders';
import type { SettingsStore } from './settings';
import { currentText, EditBuilder } from './workspaceEdit';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.keyward`;
export const CMD_UNTRACK = 'keyward.untrackEnv';
export const CMD_BASELINE = 'keyward.addToBaseline';
export const CMD_OPEN_DOCS = 'keyward.openRuleDocs';

export interface CodeActionDeps {
  docs: OpenDocuments;
  folders: Folders;
  settings: SettingsStore;
  scanner: DocumentScanner;
  env: EnvState;
  log: (message: string) => void;
}

/** A plan for one hardcoded key, before it is merged with others into one edit. */
interface KeyMove {
  finding: Finding;
  plan: MovePlan;
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export class CodeActions {
  constructor(private readonly deps: CodeActionDeps) {}

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
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
      const move = await this.moveAction(uri, [finding], d);
      if (move) out.push(move);
    }
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
    const edit = planIgnoreLine(doc.getText(), doc.languageId, finding.range.start.line, this.deps.folders.relativePath(uri));
    if (!edit) return undefined;
    const b = new EditBuilder(this.deps.docs).edit(uri, [edit]);
    return { title: 'Ignore this line (keyward-ignore comment)', kind: CodeActionKind.QuickFix, diagnostics: [d], edit: b.build() };
  }

  /** source.fixAll.keyward: every movable hardcoded key of the file in one edit. */
  private async fixAll(uri: string): Promise<CodeAction | undefined> {
    const findings = (await this.deps.scanner.current(uri))?.filter((f) => f.ruleId === 'hardcoded-key') ?? [];
    if (!findings.length) return undefined;
    const action = await this.moveAction(uri, findings, undefined);
    if (!action) return undefined;
    return { ...action, title: 'Move all keys of this file to environment variables', kind: FIX_ALL_KIND, isPreferred: undefined };
  }

  /**
   * Moves keys into the folder's .env: the source edits, the .env entries (never overwriting a
   * different value), the .gitignore line when git would not ignore .env, and `NAME=` in an
   * existing .env.example.
   */
  private async moveAction(uri: string, findings: Finding[], diagnostic: Diagnostic | undefined): Promise<CodeAction | undefined> {
    const doc = this.deps.docs.get(uri);
    const folder = this.deps.folders.folderFor(uri);
    // Without a folder there is no project .env to receive the value: moving would lose it.
    if (!doc || !folder) return undefined;
    const settings = await this.deps.settings.get(folder.uri);
    const providers = mergeProviders(settings.customProviders);
    const text = doc.getText();
    const envPath = path.join(folder.fsPath, '.env');
    const envUri = pathToUri(envPath);
    const envText = await currentText(this.deps.docs, envUri);
    const existing = parseEnv(envText ?? '');

    const moves: KeyMove[] = [];
    const batchNames = new Map<string, string>();
    for (const finding of findings) {
      const value = text.slice(finding.offset, finding.offset + finding.length);
      // Names already holding a different value are taken; the same value may reuse its name.
      const taken = [...existing].filter(([, v]) => v !== value).map(([k]) => k);
      for (const [n, v] of batchNames) if (v !== value) taken.push(n);
      const name = envNameFor(finding, taken, providers);
      const plan = planMoveToEnv({ text, languageId: doc.languageId, filePath: this.deps.folders.relativePath(uri), finding, name });
      if (isUnsupported(plan)) continue;
      if (plan.destination !== 'env-file') continue; // e.g. GitHub Actions: the value belongs in repository secrets
      if (moves.some((m) => m.plan.edits.some((a) => plan.edits.some((b) => overlaps(a, b) && !sameEdit(a, b))))) continue;
      batchNames.set(plan.name, plan.value);
      moves.push({ finding, plan });
    }
    if (!moves.length) return undefined;

    const entries = planEnvEntries(envText, moves.map((m) => ({ name: m.plan.name, value: m.plan.value })));
    if (entries.entries.some((e) => e.error || e.name !== e.requested)) {
      // A name the .env plan had to change would leave the source reading the wrong variable.
      return undefined;
    }
    const b = new EditBuilder(this.deps.docs);
    b.edit(uri, dedupe(moves.flatMap((m) => m.plan.edits)));
    if (entries.create !== undefined) b.create(envUri).edit(envUri, [insertAll(entries.create)]);
    else if (entries.edit) b.edit(envUri, [entries.edit]);
    await this.ensureIgnored(b, folder, envPath);
    const exampleUri = pathToUri(path.join(folder.fsPath, '.env.example'));
    const exampleText = await currentText(this.deps.docs, exampleUri);
    if (exampleText !== undefined) {
      // Each planned line is an append: apply them in turn, then insert the grown tail once.
      let grown = exampleText;
      for (const name of new Set(moves.map((m) => m.plan.name))) {
        const ex = planEnvExampleEntry(grown, name);
        if (ex.edit) grown = applyEdits(grown, [ex.edit]);
      }
      if (grown !== exampleText && grown.startsWith(exampleText)) {
        const end = endOf(exampleText);
        b.edit(exampleUri, [{ range: { start: end, end }, newText: grown.slice(exampleText.length) }]);
      }
    }
    const names = [...new Set(moves.map((m) => m.plan.name))];
    const note = moves.map((m) => m.plan.note).find(Boolean);
    return {
      title: `Move key to environment variable ${names.join(', ')}${note ? ` (${note})` : ''}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: diagnostic ? [diagnostic] : undefined,
      isPreferred: true,
      edit: b.build(),
    };
  }

  /** Adds the .gitignore line for `envPath` to the builder when git would not ignore it. */
  private async ensureIgnored(b: EditBuilder, folder: { fsPath: string; uri: string; name: string }, envPath: string): Promise<void> {
    const status = await this.deps.env.statusFor(folder, envPath);
    if (status?.ignored) return;
    const target = status?.gitignoreToEdit ?? path.join(folder.fsPath, '.gitignore');
    const entry = status ? gitignoreEntryFor(status) : '.env';
    const targetUri = pathToUri(target);
    const plan = planGitignoreEnsure(await currentText(this.deps.docs, targetUri), entry, status ? true : undefined);
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

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return before(a.range.start, b.range.end) && before(b.range.start, a.range.end);
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
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
