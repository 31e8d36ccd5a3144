// `keyward` command-line entry (bundled to dist/cli.js). Wiring only: see cli/main.ts.
// Its scan workers run dist/scanWorker.js, the scan pool's one worker entry (server/src/scanWorker.ts).
import { main } from './cli/main';
import { BUNDLED_WORKER } from './workers/pool';

const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  process.exit(130);
});
// `keyward scan | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  signal: controller.signal,
  workerEntry: BUNDLED_WORKER,
}).then((code) => {
  process.exitCode = code;
});
