// Runs the end-to-end suite (test/e2e/suite, the standard mocha run() module that
// @vscode/test-electron loads) inside a real VS Code workbench: code-server on loopback, opened by
// Debian's Chromium. Then runs the UI smoke test against the packaged .vsix.
//   node test/e2e/run-code-server.mjs [--suite-only | --smoke-only] [--keep]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { prepareWorkspace } from './workspace.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');

/** Bundles the suite: vscode stays external, node_modules too (mocha loads from the repo). */
export async function buildSuite() {
  const outdir = path.join(repo, 'out', 'e2e');
  fs.rmSync(outdir, { recursive: true, force: true });
  const suiteDir = path.join(repo, 'test', 'e2e', 'suite');
  const entryPoints = fs.readdirSync(suiteDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(suiteDir, f));
  await esbuild.build({ entryPoints, outdir, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', packages: 'external', logLevel: 'warning' });
  return path.join(outdir, 'index.js');
}

async function runSuite() {
  const testsPath = await buildSuite();
  const ws = prepareWorkspace('e2e');
  const cs = await startCodeServer({ log: process.env.KEYWARD_E2E_VERBOSE ? (l) => process.stderr.write(l) : undefined, env: { KEYWARD_E2E_WORKSPACE: ws }, userSettings: process.env.KEYWARD_E2E_TRACE ? { 'keyward.trace.server': 'verbose' } : {} });
  const browser = await launchBrowser();
  let exitCode = 1;
  try {
    const page = await browser.context.newPage();
    const done = new Promise((resolve) => {
      page.exposeFunction('codeAutomationLog', (type, logArgs) => {
        // The workbench forwards the extension host's console here as (type, [format, ...args]).
        const line = Array.isArray(logArgs) ? util.format(...logArgs) : String(logArgs);
        if (process.env.KEYWARD_E2E_VERBOSE) process.stderr.write(`[${type}] `);
        process.stdout.write(line.endsWith('\n') ? line : line + '\n');
      });
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repo)],
      ['extensionTestsPath', remote(testsPath)],
    ];
    const url = `${cs.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 10 * 60 * 1000));
    const r = await Promise.race([done, timeout]);
    if (r === 'timeout') {
      console.error('e2e: the suite did not finish within 10 minutes');
      await page.screenshot({ path: path.join(repo, 'test', 'e2e', 'screenshots', 'timeout.png') }).catch(() => {});
    } else exitCode = r;
  } finally {
    await browser.close();
    await cs.stop();
    if (!keep) fs.rmSync(cs.dir, { recursive: true, force: true });
  }
  return exitCode;
}

async function runSmoke() {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repo, 'test', 'e2e', 'smoke.ts')], { stdio: 'inherit', cwd: repo });
  return r.status ?? 1;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
fs.mkdirSync(path.join(repo, 'test', 'e2e', 'screenshots'), { recursive: true });
let code = 0;
if (!args.includes('--smoke-only')) code = await runSuite();
if (!args.includes('--suite-only') && fs.existsSync(path.join(repo, 'test', 'e2e', 'smoke.ts'))) code = (await runSmoke()) || code;
process.exit(code);
}
