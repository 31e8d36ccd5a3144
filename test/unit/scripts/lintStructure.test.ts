// The structure lint catches what ARCHITECTURE.md forbids (a forbidden arrow, an import cycle made
// of type imports, an over-long function) on a small tree, and finds nothing on the repository.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintStructure, MAX_FUNCTION_LINES } from '../../../scripts/lint-structure';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-lint-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe('lint:structure', () => {
  it('reports a forbidden arrow, a type-only cycle and a long function, each once', () => {
    const body = Array.from({ length: MAX_FUNCTION_LINES + 1 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const root = tree({
      'client/src/a.ts': "import { x } from '../../server/src/engine/x';\nexport const a = x;\n",
      'server/src/engine/x.ts': 'export const x = 1;\n',
      'server/src/engine/fs.ts': "import * as fs from 'node:fs';\nexport const f = fs;\n",
      'shared/p.ts': "import type { Q } from './q';\nexport type P = { q?: Q };\n",
      'shared/q.ts': "import type { P } from './p';\nexport type Q = { p?: P };\n",
      'server/src/fixes/long.ts': `export function long(): void {\n${body}\n}\n`,
      'server/src/fixes/short.ts': 'export function short(): number {\n  return 1;\n}\n',
    });
    try {
      const problems = lintStructure(root);
      const kinds = problems.map((p) => `${p.kind} ${p.file}`).sort();
      assert.deepEqual(kinds, [
        'cycle shared/p.ts',
        'forbidden-import client/src/a.ts',
        'forbidden-import server/src/engine/fs.ts',
        'long-function server/src/fixes/long.ts',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('the repository itself has no structure problems', () => {
    const problems = lintStructure(path.resolve(__dirname, '../../..'));
    assert.deepEqual(problems.map((p) => p.message), []);
  });
});
