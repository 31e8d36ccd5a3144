// Careful reads of files a repository may control: regular files only (never a FIFO or a device
// that would block or never end), and a size cap.
import { promises as fs } from 'node:fs';

export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** The file's bytes, or undefined when it is missing, not a regular file, or larger than maxBytes. */
export async function readRegularFile(file: string, maxBytes: number, followSymlink = true): Promise<Buffer | undefined> {
  try {
    const st = followSymlink ? await fs.stat(file) : await fs.lstat(file);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = await fs.readFile(file);
    return buf.length > maxBytes ? undefined : buf;
  } catch {
    return undefined;
  }
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
