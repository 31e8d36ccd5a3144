// Random .gitignore layouts, judged by git and by the in-process evaluator: they must agree on
// every file, including which pattern decided. Patterns are drawn from the shapes real projects use.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { evaluateEnvFiles } from '../../../server/src/envfiles';
import { git, gitTruthIgnored, makeSandbox, writeFiles, type Sandbox } from './gitSandbox';

const PATTERNS = [
  '.env', '*.env', '.env*', '.env.*', '/.env', '**/.env', '.env.local', '*.local', '.env*.local', '!.env', '!.env.local',
  '!.env.*', 'sub/', '!sub/', 'sub/*', '!sub/.env', 'sub/**', 'sub/**/.env', '**/deep/', '!**/deep/', '!**/deep/.env',
  '/sub/deep/', 'deep/.env*', '?env', '.[e]nv', '.env.[lp]*', '.env/', '*', '!*/', '!/sub/', '# .env', '\\!x', '.env ', '**',
  'sub/deep/.env.local', '/*', '!/sub', '*/.env',
];
const FILES = ['.env', '.env.local', '.env.production', 'sub/.env', 'sub/.env.local', 'sub/deep/.env', 'sub/deep/.env.local', 'other/deep/.env', 'other/.env.test'];
const DIRS = ['', 'sub/', 'sub/deep/', 'other/'];

const RUNS = Number(process.env.KEYWARD_FUZZ_RUNS ?? 60);

describe('envfiles: differential fuzz, git vs in-process on random .gitignore layouts', function () {
  this.timeout(Math.max(120000, RUNS * 2000));
  let sb: Sandbox;
  before(() => (sb = makeSandbox()));
  after(() => sb.restoreEnv());

  it('agrees on ignored and matchedBy for every file', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.constantFrom(...DIRS), fc.array(fc.constantFrom(...PATTERNS), { minLength: 1, maxLength: 5 })), { minLength: 1, maxLength: 3 }),
      fc.array(fc.constantFrom(...PATTERNS), { maxLength: 2 }),
      async (layout, infoExclude) => {
        const repo = path.join(sb.dir, `r${n++}`);
        fs.mkdirSync(repo);
        git(repo, ['init', '-q']);
        writeFiles(repo, Object.fromEntries(FILES.map((f) => [f, 'K=v\n'])));
        for (const [dir, pats] of layout) fs.appendFileSync(path.join(repo, dir, '.gitignore'), `${pats.join('\n')}\n`);
        fs.writeFileSync(path.join(repo, '.git/info/exclude'), `${infoExclude.join('\n')}\n`);
        const files = FILES.map((f) => path.join(repo, f));
        const viaGit = await evaluateEnvFiles(repo, files, { useGit: true });
        const inProc = await evaluateEnvFiles(repo, files, { useGit: false });
        const truth = gitTruthIgnored(repo);
        const describe = () => JSON.stringify({ layout, infoExclude });
        for (let i = 0; i < files.length; i++) {
          assert.equal(viaGit[i].ignored, truth.has(files[i]), `check-ignore vs ls-files on ${FILES[i]}: ${describe()}`);
          assert.equal(inProc[i].ignored, truth.has(files[i]), `in-process on ${FILES[i]}: ${describe()}`);
          assert.deepEqual(inProc[i].matchedBy, viaGit[i].matchedBy, `matchedBy of ${FILES[i]}: ${describe()}`);
          assert.equal(inProc[i].gitignoreToEdit, viaGit[i].gitignoreToEdit);
        }
        fs.rmSync(repo, { recursive: true, force: true });
      },
    ), { numRuns: RUNS });
  });
});
