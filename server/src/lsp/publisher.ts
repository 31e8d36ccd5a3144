// One place that owns what each URI shows. Three producers feed it: the open-document scan, the
// workspace (disk) scan and the .env state. An open document's own scan wins over the disk scan of
// the same file; .env diagnostics are added to whichever of the two is shown.
import type { Diagnostic } from 'vscode-languageserver/node';

export type Slot = 'doc' | 'disk' | 'env';
export type PublishFn = (uri: string, diagnostics: Diagnostic[], version?: number) => void;

interface Entry {
  doc?: Diagnostic[];
  docVersion?: number;
  disk?: Diagnostic[];
  env?: Diagnostic[];
  /** Whether the client currently shows something for this URI (so an empty publish is owed). */
  shown: boolean;
}

export class Publisher {
  private entries = new Map<string, Entry>();

  constructor(private readonly send: PublishFn) {}

  set(uri: string, slot: Slot, diagnostics: Diagnostic[] | undefined, version?: number): void {
    const e = this.entries.get(uri) ?? { shown: false };
    e[slot] = diagnostics;
    if (slot === 'doc') e.docVersion = version;
    this.entries.set(uri, e);
    this.flush(uri, e);
  }

  /** URIs with something in the given slot (used to clear a producer's old output). */
  urisWith(slot: Slot): string[] {
    const out: string[] = [];
    for (const [uri, e] of this.entries) if (e[slot] !== undefined) out.push(uri);
    return out;
  }

  private flush(uri: string, e: Entry): void {
    const all = merged(e);
    if (!all.length && !e.shown) {
      if (e.doc === undefined && e.disk === undefined && e.env === undefined) this.entries.delete(uri);
      return;
    }
    this.send(uri, all, e.doc !== undefined ? e.docVersion : undefined);
    e.shown = all.length > 0;
    if (!e.shown && e.doc === undefined && e.disk === undefined && e.env === undefined) this.entries.delete(uri);
  }
}

function merged(e: Entry): Diagnostic[] {
  return [...(e.doc ?? e.disk ?? []), ...(e.env ?? [])];
}
