// Gathers what the loader planners read: the few manifests (package.json, requirements.txt, go.mod,
// launch.json, Compose files ...) the table names for a file, through the one bounded reader.
import * as path from 'node:path';
import type { Family } from '../../../shared/languages';
import { manifestsToRead, type LoaderContext } from '../fixes/loaders';
import { pathToUri, type Folder } from './folders';

/** Reads a file's current text (the open editor's, else the disk's via readConfigText), undefined when absent. */
export type ReadText = (uri: string) => Promise<string | undefined>;

export async function loaderContext(
  folder: Folder,
  source: { text: string; path: string; family: Family; languageId: string },
  read: ReadText,
): Promise<LoaderContext> {
  const wanted = manifestsToRead(source.family, source.path);
  const texts = await Promise.all(wanted.map((rel) => read(pathToUri(path.join(folder.fsPath, ...rel.split('/'))))));
  const files: Record<string, string> = {};
  wanted.forEach((rel, i) => {
    const t = texts[i];
    if (t !== undefined) files[rel] = t;
  });
  return { files, source };
}
