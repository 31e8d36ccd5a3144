// Errors that end `keyward scan` with exit code 2 and a message saying what to do next.
export { describeIoError } from '../workspace/read';

export class CliError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
