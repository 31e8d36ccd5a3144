// `keyward scan -j 2` through the scan pool when its workers cannot start or die: the report is
// the one-thread report, and stderr says once why the files were scanned on the main thread.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../server/src/cli/main';
import { removeTempDirs, tempDir, writeTree } from '../../cli/helpers';

const PIO = 'pio_sk_' + 'Q7mZ2xR9vK4pL8nW3cT6yB1' + '_' + '3f1c9a2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';

/** More files than the CLI scans inline before it starts workers (INLINE_FILES in cli/scanFiles.ts). */
function bigTree(root: string): void {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1300; i++) files[`src/m${i % 9}/f${i}.ts`] = i % 100 === 7 ? `export const apiKey${i} = "${PIO}";\n` : `export const n${i} = ${i};\n`;
  writeTree(root, files);
}

async function scan(cwd: string, args: string[], workerEntry: string | undefined) {
  let stdout = '';
  let stderr = '';
  const code = await main(['scan', '--format', 'json', ...args], {
    stdout: { write: (c: string) => ((stdout += c), true) },
    stderr: { write: (c: string) => ((stderr += c), true) },
    cwd,
    workerEntry,
  });
  const report = JSON.parse(stdout);
  return { code, stderr, findings: report.findings, files: report.summary.files };
}

describe('CLI scan pool fallback', function () {
  this.timeout(120000);
  afterEach(removeTempDirs);

  it('scans on the main thread, warning once, when the worker script is missing or its workers die', async () => {
    const root = tempDir();
    bigTree(root);
    const tools = tempDir();
    // A worker that dies as soon as it is given a batch.
    const dying = path.join(tools, 'dying-worker.js');
    writeFileSync(dying, `require('node:worker_threads').parentPort.once('message', () => process.exit(3));\n`);

    const one = await scan(root, ['-j', '1'], undefined);
    assert.equal(one.code, 1);
    assert.equal(one.files, 1300);
    assert.equal(one.findings.length, 13);

    for (const [entry, why] of [
      [path.join(tools, 'no-such-worker.js'), /scan worker not found at .*no-such-worker\.js/],
      [dying, /scan worker failed: exited with code 3/],
    ] as const) {
      const two = await scan(root, ['-j', '2'], entry);
      assert.equal(two.code, 1, two.stderr);
      assert.equal(two.files, one.files);
      assert.deepEqual(two.findings, one.findings);
      const warnings = two.stderr.split('\n').filter((l) => l.startsWith('keyward: warning:'));
      assert.equal(warnings.length, 1, two.stderr);
      assert.match(warnings[0], why);
      assert.match(warnings[0], /scanning its files on this thread instead/);
    }
  });
});
