// Issue 11 part 2 through the bundled server: the move fix names the loader that reads .env, and
// where nothing does, "move and load .env" is a separate action whose one edit, applied by the
// client, leaves a program that prints the same thing as before the fix (Debian's python-dotenv).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, unlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { ACTION_KINDS, findAction } from '../../shared/protocol';
import { useBuiltServer, makeRepo, removeDir, TestClient, uriOf } from './harness';

const KEY = `pio_sk_${randomBytes(12).toString('hex')}_${randomBytes(4).toString('hex')}`;
const PRESENT = `present:${createHash('sha256').update(KEY).digest('hex').slice(0, 12)}`;

const PROGRAM = `import hashlib\n\nAPI_KEY = "${KEY}"\n\nprint("present:" + hashlib.sha256(API_KEY.encode()).hexdigest()[:12] if API_KEY else "absent")\n`;

/** Debian's python3 (with python3-dotenv), run from outside the project. */
function runPython(file: string): string {
  const r = spawnSync('/usr/bin/python3', [file], { cwd: os.tmpdir(), encoding: 'utf8', env: { PATH: process.env.PATH, HOME: os.tmpdir(), PYTHONNOUSERSITE: '1' } });
  return r.status === 0 ? r.stdout.trim() : `failed: ${r.stderr.trim().split('\n').pop()}`;
}

describe('LSP: the move fix and the .env loader', function () {
  this.timeout(30000);
  useBuiltServer();
  let repo: string;
  let client: TestClient | undefined;

  async function start(files: Record<string, string>): Promise<void> {
    repo = makeRepo(files);
    client = await TestClient.start({ folders: [repo], settings: () => ({ debounceMs: 0, scanWorkspaceOnStartup: false }) });
  }
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeDir(repo);
  });

  async function actionsFor(rel: string, languageId: string): Promise<{ actions: CodeAction[]; diag: Diagnostic }> {
    const { uri } = client!.openFile(path.join(repo, rel), languageId);
    const diags = await client!.waitDiagnostics(uri, (d) => d.some((x) => x.code === 'hardcoded-key'));
    const diag = diags.find((x) => x.code === 'hardcoded-key')!;
    return { actions: (await client!.codeActions(uri, diag.range, [diag])) as CodeAction[], diag };
  }

  it('Python: a separate action moves the key and adds load_dotenv + python-dotenv in one edit; the program prints the same', async () => {
    await start({ 'app/main.py': PROGRAM, 'requirements.txt': 'requests\n', '.vscode/launch.json': '{\n  "configurations": [\n    { "type": "debugpy", "request": "launch", "name": "main", "program": "${workspaceFolder}/app/main.py" }\n  ]\n}\n' });
    assert.equal(runPython(path.join(repo, 'app/main.py')), PRESENT);
    const { actions, diag } = await actionsFor('app/main.py', 'python');
    const plain = findAction(actions, ACTION_KINDS.moveToEnv, diag.range.start);
    const loader = findAction(actions, ACTION_KINDS.moveToEnvWithLoader, diag.range.start);
    assert.ok(plain && loader, actions.map((a) => `${a.kind}: ${a.title}`).join(' | '));
    assert.equal(plain.isPreferred, true, 'the plain move stays the preferred fix');
    assert.ok(!loader.isPreferred, 'a fix that edits manifests is never applied silently');
    assert.equal(loader.title, 'Move key to environment variable API_KEY and load .env with python-dotenv and launch.json envFile (then run pip install python-dotenv)');
    assert.ok(!JSON.stringify(actions.map((a) => a.title)).includes(KEY));
    // One WorkspaceEdit: source, requirements.txt, launch.json, .env, .gitignore.
    const files = loader.edit!.documentChanges!.map((c) => path.relative(repo, decodeURIComponent(new URL('textDocument' in c ? c.textDocument.uri : (c as { uri: string }).uri).pathname)));
    for (const f of ['app/main.py', 'requirements.txt', '.vscode/launch.json', '.env']) assert.ok(files.includes(f), `${f} in ${files}`);
    client!.applyEdit(loader.edit!);
    assert.equal(readFileSync(path.join(repo, 'requirements.txt'), 'utf8'), 'requests\npython-dotenv\n');
    assert.match(readFileSync(path.join(repo, '.vscode/launch.json'), 'utf8'), /"envFile": "\$\{workspaceFolder\}\/\.env"/);
    assert.equal(runPython(path.join(repo, 'app/main.py')), PRESENT, 'after the fix the program still gets its key');
    assert.ok(!readFileSync(path.join(repo, 'app/main.py'), 'utf8').includes(KEY));
  });

  it('Python: the plain move alone leaves the program without its key (the problem the loader action solves)', async () => {
    await start({ 'app/main.py': PROGRAM });
    const { actions, diag } = await actionsFor('app/main.py', 'python');
    client!.applyEdit(findAction(actions, ACTION_KINDS.moveToEnv, diag.range.start)!.edit!);
    assert.match(runPython(path.join(repo, 'app/main.py')), /^failed: KeyError/);
  });

  it('Node with dotenv already a dependency: the move fix says so and no loader action is offered', async () => {
    await start({ 'package.json': '{ "dependencies": { "dotenv": "^17.4.2" } }\n', 'src/client.js': `require('dotenv').config();\nconst apiKey = "${KEY}";\nmodule.exports = { apiKey };\n` });
    const { actions, diag } = await actionsFor('src/client.js', 'javascript');
    assert.equal(findAction(actions, ACTION_KINDS.moveToEnv, diag.range.start)?.title, 'Move key to environment variable API_KEY (.env loaded by dotenv)');
    assert.equal(findAction(actions, ACTION_KINDS.moveToEnvWithLoader, diag.range.start), undefined);
  });

  it('a package.json that is a link is not written: the loader action is left out, the plain move stays', async () => {
    await start({ 'real.json': '{ "name": "x" }\n', 'src/a.js': `const apiKey = "${KEY}";\nconsole.log(!!apiKey);\n` });
    spawnSync('ln', ['-s', 'real.json', path.join(repo, 'package.json')]);
    const { actions, diag } = await actionsFor('src/a.js', 'javascript');
    assert.ok(findAction(actions, ACTION_KINDS.moveToEnv, diag.range.start));
    assert.equal(findAction(actions, ACTION_KINDS.moveToEnvWithLoader, diag.range.start), undefined);
    // The same package.json as a regular file: the action is there (so the link alone removed it).
    unlinkSync(path.join(repo, 'package.json'));
    copyFileSync(path.join(repo, 'real.json'), path.join(repo, 'package.json'));
    const again = (await client!.codeActions(uriOf(path.join(repo, 'src/a.js')), diag.range, [diag])) as CodeAction[];
    assert.ok(findAction(again, ACTION_KINDS.moveToEnvWithLoader, diag.range.start));
  });
});
