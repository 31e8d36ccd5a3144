// Reads a repository config file the way a hostile repository cannot abuse: a regular file only
// (no symlink, FIFO or device such as /dev/zero), opened without following links, size-capped.
// Its own small reader because config sits below workspace/ in the layers (scripts/lint-structure.ts).
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';

/** A real config is a few hundred bytes; anything near this is not one. */
export const MAX_CONFIG_BYTES = 256 * 1024;

export type ConfigRead = { text: string } | { error: string };

// O_NOFOLLOW closes the gap between lstat and open; O_NONBLOCK keeps a swapped-in FIFO from hanging us.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export async function readConfigFile(file: string): Promise<ConfigRead> {
  try {
    const st = await lstat(file);
    if (st.isSymbolicLink()) return { error: 'is a symbolic link; keyward reads its repository configuration only from a regular file' };
    if (!st.isFile()) return { error: 'is not a regular file' };
    if (st.size > MAX_CONFIG_BYTES) return { error: `is larger than ${MAX_CONFIG_BYTES / 1024} KiB` };
  } catch (err) {
    return { error: ioText(err) };
  }
  let handle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (err) {
    return { error: (err as NodeJS.ErrnoException).code === 'ELOOP' ? 'is a symbolic link; keyward reads its repository configuration only from a regular file' : ioText(err) };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { error: 'is not a regular file' };
    // One byte past the cap: a file that grew after the check is still refused.
    const buf = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > MAX_CONFIG_BYTES) return { error: `is larger than ${MAX_CONFIG_BYTES / 1024} KiB` };
    }
    let text = buf.subarray(0, filled).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch (err) {
    return { error: ioText(err) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** "permission denied (EACCES)": the code once, without Node's path-bearing prefix. */
function ioText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = { ENOENT: 'does not exist', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'is a folder' };
  if (e?.code && known[e.code]) return `${known[e.code]} (${e.code})`;
  return e?.code ? `cannot be read (${e.code})` : `cannot be read: ${String((err as Error)?.message ?? err)}`;
}
