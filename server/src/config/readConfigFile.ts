// Reads a repository config file through the one bounded reader (workspace/read.ts): a regular
// file only, never through a link (a repository controls where its links point), size-capped.
import { readConfigText } from '../workspace/read';

/** A real config is a few hundred bytes; anything near this is not one. */
export const MAX_CONFIG_BYTES = 256 * 1024;

export type ConfigRead = { text: string } | { error: string };

export async function readConfigFile(file: string): Promise<ConfigRead> {
  const r = await readConfigText(file, { maxBytes: MAX_CONFIG_BYTES, followSymlink: false });
  if ('text' in r) return { text: r.text.charCodeAt(0) === 0xfeff ? r.text.slice(1) : r.text };
  if (r.skip === 'too-large') return { error: `is larger than ${MAX_CONFIG_BYTES / 1024} KiB` };
  if (r.skip === 'not-a-file') {
    return { error: r.error === 'a symbolic link' ? 'is a symbolic link; keyward reads its repository configuration only from a regular file' : 'is not a regular file' };
  }
  if (r.error?.includes('ENOENT')) return { error: 'does not exist (ENOENT)' };
  return { error: r.error ?? 'could not be read' };
}
