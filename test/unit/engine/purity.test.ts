// The engine stays pure: text + path in, findings out. No file system, no LSP, no VS Code, no network.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ENGINE = path.resolve(__dirname, '../../../server/src/engine');
const FORBIDDEN = /from\s+['"](?:node:)?(?:fs|fs\/promises|child_process|net|http|https|worker_threads)['"]|from\s+['"]vscode['"]|from\s+['"]vscode-languageserver[^'"]*['"]|from\s+['"][./]*(?:\.\.\/)+(?:lsp|cli|client|envfiles|fixes)\b|require\(\s*['"](?:node:)?fs['"]/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('engine: purity', () => {
  it('imports no fs, LSP, VS Code or other server layers', () => {
    const all = files(ENGINE);
    assert.ok(all.length > 10);
    for (const f of all) assert.doesNotMatch(fs.readFileSync(f, 'utf8'), FORBIDDEN, path.relative(ENGINE, f));
  });
});
