// Open documents with incremental sync. The TextDocuments `update` hook sees each change with the
// text before it, which is exactly what the edit tracker needs to shift old findings.
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { performance } from 'node:perf_hooks';
import { EditTracker } from './incremental';

export class OpenDocuments {
  readonly documents: TextDocuments<TextDocument>;
  private trackers = new Map<string, EditTracker>();
  /** When the last change of each document arrived (for the server-side latency figure). */
  readonly changedAt = new Map<string, number>();

  constructor() {
    this.documents = new TextDocuments<TextDocument>({
      create: (uri, languageId, version, content) => {
        this.trackers.set(uri, new EditTracker());
        return TextDocument.create(uri, languageId, version, content);
      },
      update: (doc, changes, version) => {
        this.changedAt.set(doc.uri, performance.now());
        const tracker = this.tracker(doc.uri);
        // One change at a time: each change's range refers to the result of the previous one.
        for (const change of changes) {
          tracker.apply(doc, change);
          TextDocument.update(doc, [change], version);
        }
        return TextDocument.update(doc, [], version);
      },
    });
    this.documents.onDidClose((e) => this.trackers.delete(e.document.uri));
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return this.documents.all();
  }

  tracker(uri: string): EditTracker {
    let t = this.trackers.get(uri);
    if (!t) {
      t = new EditTracker();
      this.trackers.set(uri, t);
    }
    return t;
  }

  /** Settings, baseline or provider data changed: every open document needs a full scan. */
  invalidateAll(): void {
    for (const t of this.trackers.values()) t.invalidate();
  }
}
