// Bundles four entry points: the extension (vscode external), the language server, the CLI and
// the scan pool's worker.
// Everything the extension needs at run time is inside dist/, so the .vsix ships no node_modules.
import * as esbuild from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import ts from 'typescript';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  // Source maps stay outside the package in production (see .vscodeignore).
  sourcemap: production ? 'external' : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
};

// Each detection rule carries its own positive/negative samples for the test suite. They are test
// data: the shipped bundles leave them out, so the package holds no key-shaped strings (vsce's and
// users' own secret scanners stay quiet) and the server does not synthesise samples at start-up.
const stripRuleExamples = {
  name: 'strip-rule-examples',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]engine[\\/](formats|rules)[\\/][^\\/]+\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const sf = ts.createSourceFile(args.path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const cuts = [];
      const visit = (node) => {
        if (ts.isPropertyAssignment(node) && node.name.getText(sf) === 'examples' && ts.isObjectLiteralExpression(node.parent)) {
          cuts.push([node.initializer.getStart(sf), node.initializer.end]);
          return;
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
      let out = text;
      for (const [a, b] of cuts.reverse()) out = out.slice(0, a) + '{ positive: [], negative: [] }' + out.slice(b);
      return { contents: out, loader: 'ts' };
    });
  },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The scan pool's one worker entry, next to both bins (the CLI's -j workers and the server's scan).
  { entryPoints: ['server/src/scanWorker.ts'], outfile: 'dist/scanWorker.js' },
];

const plugins = production ? [stripRuleExamples] : [];
const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e, plugins })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  // The two bins must be executable however they were (re)written: npx runs them directly.
  await Promise.all(['dist/cli.js', 'dist/server.js'].map((f) => chmod(f, 0o755)));
}
