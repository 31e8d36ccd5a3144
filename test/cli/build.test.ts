// The CLI suite's build step: a failed build fails the suite, even when a fresh dist/cli.js from an
// earlier build is still on disk (the tests would otherwise run yesterday's code).
import { strict as assert } from 'node:assert';
import { readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { buildBundles, removeTempDirs, tempDir, writeTree } from './helpers';

describe('CLI suite build step', () => {
  after(removeTempDirs);

  it('throws when esbuild.mjs fails although dist/cli.js was just written', () => {
    const root = tempDir();
    writeTree(root, {
      'dist/cli.js': '#!/usr/bin/env node\n',
      'esbuild.mjs': "console.error('✘ [ERROR] Expected \";\" in server/src/server.ts'); process.exit(1);\n",
    });
    assert.throws(() => buildBundles(root), /build failed \(exit 1\)[\s\S]*Expected ";" in server\/src\/server\.ts/);
  });

  it('runs esbuild.mjs in the given root and returns when it succeeds', () => {
    const root = tempDir();
    writeTree(root, { 'esbuild.mjs': "import fs from 'node:fs'; fs.writeFileSync('built', process.cwd());\n" });
    buildBundles(root);
    assert.equal(readFileSync(path.join(root, 'built'), 'utf8'), realpathSync(root));
  });
});
