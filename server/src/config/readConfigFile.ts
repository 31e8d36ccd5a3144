// Reads a repository config file the way a hostile repository cannot abuse: through the one
// bounded reader (regular files only, checked on the open descriptor), never through a link,
// capped far below what a real config needs.
import { readConfigText } from '../workspace/read';

/** A real config is a few hundred bytes; anything near this is not one. */
export const MAX_CONFIG_BYTES = 256 * 1024;

export type ConfigRead = { text: string } | { error: string };

export async function readConfigFile(file: string): Promise<ConfigRead> {
  const r = await readConfigText(file, { maxBytes: MAX_CONFIG_BYTES, followSymlink: false });
  if ('text' in r) return { text: r.text.charCodeAt(0) === 0xfeff ? r.text.slice(1) : r.text };
  if (r.skip === 'too-large') return { error: `is larger than ${MAX_CONFIG_BYTES / 1024} KiB` };
  if (r.skip === 'not-a-file') {
    return { error: r.error === 'a symbolic link' ? 'is a symbolic link; keyward reads its repository configuration only from a regular file' : `is not a regular file (${r.error ?? 'special file'})` };
  }
  return { error: /ENOENT/.test(r.error ?? '') ? 'does not exist (ENOENT)' : `cannot be read: ${r.error ?? 'I/O error'}` };
}
