// Errors that end `keyward scan` with exit code 2 and a message saying what to do next.
export class CliError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Node's errno errors as one short phrase ("no such file or directory"). */
export function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'a parent is not a directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
  };
  return (e?.code && known[e.code]) || e?.message || String(err);
}
