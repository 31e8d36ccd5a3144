// Builds one WorkspaceEdit out of several files' edits, so a quick fix is a single undo step.
// documentChanges order matters: a CreateFile must come before the edits of that file.
import type { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { OpenDocuments } from './documents';
import { uriToPath } from './folders';
import { readConfigText } from '../workspace/read';

/**
 * Current text of a file as the user sees it: the open editor's text, else the disk, else
 * undefined. Disk reads are regular files only and size-capped (a baseline linked to /dev/zero).
 */
export async function currentText(docs: OpenDocuments, uri: string): Promise<string | undefined> {
  const open = docs.get(uri);
  if (open) return open.getText();
  const p = uriToPath(uri);
  if (!p) return undefined;
  const r = await readConfigText(p);
  return 'text' in r ? r.text : undefined;
}

export class EditBuilder {
  private changes: (TextDocumentEdit | CreateFile)[] = [];
  private created = new Set<string>();

  constructor(private readonly docs: OpenDocuments) {}

  /** Declares that `uri` does not exist yet and is created empty before its edits. */
  create(uri: string): this {
    if (!this.created.has(uri)) {
      this.created.add(uri);
      // ignoreIfExists: if the user created it meanwhile, the edit still lands instead of failing.
      this.changes.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    }
    return this;
  }

  edit(uri: string, edits: TextEdit[]): this {
    if (!edits.length) return this;
    // Open documents are versioned so a client rejects the edit if the text moved on meanwhile.
    const version = this.created.has(uri) ? null : (this.docs.get(uri)?.version ?? null);
    this.changes.push({ textDocument: { uri, version }, edits });
    return this;
  }

  get empty(): boolean {
    return !this.changes.some((c) => !('kind' in c)) && !this.created.size;
  }

  build(): WorkspaceEdit {
    return { documentChanges: [...this.changes] };
  }
}
