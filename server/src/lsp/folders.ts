// Which workspace folder a URI belongs to, and the path the engine sees for it.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Folder {
  uri: string;
  name: string;
  /** Absolute file-system path of the folder. */
  fsPath: string;
}

/** `file:` URI to a path; undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** The path part of any URI (untitled:Untitled-1, vscode-notebook-cell:/a/b.ipynb#cell). */
function uriPathPart(uri: string): string {
  const colon = uri.indexOf(':');
  let rest = uri.slice(colon + 1).replace(/^\/\/[^/]*/, '');
  const cut = rest.search(/[?#]/);
  if (cut >= 0) rest = rest.slice(0, cut);
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

export class Folders {
  private folders: Folder[] = [];

  set(list: { uri: string; name: string }[]): void {
    this.folders = list
      .map((f) => ({ uri: f.uri, name: f.name, fsPath: uriToPath(f.uri) ?? '' }))
      .filter((f) => f.fsPath)
      // Longest path first: in nested multi-root set-ups the innermost folder owns a file.
      .sort((a, b) => b.fsPath.length - a.fsPath.length);
  }

  add(list: { uri: string; name: string }[]): void {
    this.set([...this.folders, ...list]);
  }

  remove(uris: string[]): void {
    const gone = new Set(uris);
    this.set(this.folders.filter((f) => !gone.has(f.uri)));
  }

  all(): readonly Folder[] {
    return this.folders;
  }

  /** Folder owning a document; notebook cells belong where their notebook file is. */
  folderFor(uri: string): Folder | undefined {
    const p = uriToPath(uri) ?? (uri.startsWith('vscode-notebook-cell:') ? uriPathPart(uri) : undefined);
    if (!p) return undefined;
    return this.folders.find((f) => p === f.fsPath || p.startsWith(f.fsPath.endsWith(path.sep) ? f.fsPath : f.fsPath + path.sep));
  }

  /** Path relative to the owning folder (POSIX separators), or the base name outside any folder. */
  relativePath(uri: string): string {
    const folder = this.folderFor(uri);
    const p = uriToPath(uri) ?? uriPathPart(uri);
    if (folder) return path.relative(folder.fsPath, p).split(path.sep).join('/');
    return path.basename(p) || p;
  }
}
