// Careful reads of files a repository may control: regular files only (never a FIFO or a device
// that would block or never end), and a size cap.
import { promises as fs } from 'node:fs';
import { readBytesSync } from '../workspace/read';

export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * The file's bytes, or undefined when it is missing, not a regular file, or larger than maxBytes.
 * One bounded reader for every path (workspace/read.ts): the file kind is checked on the open
 * descriptor, so a link swapped for /dev/zero between a stat and the read cannot make it unbounded.
 */
export async function readRegularFile(file: string, maxBytes: number, followSymlink = true): Promise<Buffer | undefined> {
  const r = readBytesSync(file, maxBytes, { followSymlink });
  return 'bytes' in r ? r.bytes : undefined;
}

export async function readText(file: string, maxBytes = MAX_CONFIG_BYTES, followSymlink = true): Promise<string | undefined> {
  const buf = await readRegularFile(file, maxBytes, followSymlink);
  return buf?.toString('utf8');
}

export async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
