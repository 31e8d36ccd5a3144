// The engine must not pin the files it scanned: the language server and the CLI scan tens of
// thousands of them in one process.
import { strict as assert } from 'node:assert';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { scan } from '../../../server/src/engine';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

describe('engine: memory', () => {
  it('keeps nothing of a scanned file alive (heap stays flat over 2,000 files of 50 KB)', () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 2000; i++) {
      // unique credential-like names so every file adds name-cache entries
      const text = `const v${i}_${i.toString(36)}_token = getIt();\n${'x'.repeat(50_000)}\nconst other_${i}_secret_name = read();\n`;
      scan(text, `f${i}.js`);
    }
    gc();
    const grown = (process.memoryUsage().heapUsed - before) / 1e6;
    // 2,000 × 50 KB = 100 MB of text: holding even a tenth of it would show.
    assert.ok(grown < 15, `heap grew ${grown.toFixed(1)} MB`);
  });
});
