// The same suite under @vscode/test-electron, for machines that can download VS Code (a laptop, a
// public CI). On these offline machines use run-code-server.mjs instead.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { buildSuite } from './run-code-server.mjs';
import { prepareWorkspace } from './workspace.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const extensionTestsPath = await buildSuite();
const ws = prepareWorkspace('e2e');
try {
  await runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath,
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { KEYWARD_E2E_WORKSPACE: ws },
  });
} catch (e) {
  console.error(`e2e (test-electron) failed: ${e.message}`);
  process.exit(1);
}
