// The .gitignore matrix: each row is a real git repository. Both evaluators run on every row and
// must agree with each other, with git's own answer (ls-files --others --ignored, a different code
// path than the check-ignore the git evaluator uses), and with the row's expectation. Then the fix
// is applied (entry appended to gitignoreToEdit) and git must ignore every file that was not.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendGitignoreEntry, evaluateEnvFiles, findEnvFiles, gitignoreEntryFor, type EnvFileStatus } from '../../../server/src/envfiles';
import { isEnvFileName } from '../../../shared/languages';
import { git, gitTopOf, gitTruthIgnored, gitTruthTracked, makeSandbox, writeFiles, type Sandbox } from './gitSandbox';

interface Ctx {
  repo: string;
  sb: Sandbox;
}

interface Row {
  name: string;
  /** Paths relative to the repository directory. */
  files: Record<string, string>;
  /** false: a plain folder, `git init` only after evaluation to ask git for the truth. */
  init?: boolean;
  initArgs?: string[];
  /** Forced into the index (`git add -f`) and committed. */
  track?: string[];
  /** Extra steps; may return the workspace root (default: repo/workspace). */
  setup?: (c: Ctx) => string | void;
  workspace?: string;
  env?: (sb: Sandbox) => Record<string, string>;
  /** Expected, relative to the workspace root. */
  ignored: string[];
  tracked?: string[];
  /** Expected gitignoreToEdit per relPath, relative to the repository directory. */
  edit?: Record<string, string>;
}

const S = 'SECRET_KEY=sk_live_do_not_print_me\n';

const rows: Row[] = [
  { name: 'no .gitignore at all', files: { '.env': S, 'sub/.env.local': S, '.env.example': 'KEY=\n' }, ignored: [] },
  { name: '`.env` listed (matches at any depth)', files: { '.gitignore': '.env\n', '.env': S, 'sub/.env': S, '.env.local': S }, ignored: ['.env', 'sub/.env'] },
  { name: '`*.env` matches .env but not .env.local', files: { '.gitignore': '*.env\n', '.env': S, 'sub/.env': S, '.env.local': S }, ignored: ['.env', 'sub/.env'] },
  { name: '`.env*` matches every variant', files: { '.gitignore': '.env*\n', '.env': S, '.env.local': S, 'sub/.env.production': S }, ignored: ['.env', '.env.local', 'sub/.env.production'] },
  { name: '`/.env` is anchored at the root', files: { '.gitignore': '/.env\n', '.env': S, 'sub/.env': S }, ignored: ['.env'] },
  { name: '`**/.env` at every depth', files: { '.gitignore': '**/.env\n', '.env': S, 'a/b/.env': S, '.env.local': S }, ignored: ['.env', 'a/b/.env'] },
  { name: 'directory pattern `config/`', files: { '.gitignore': 'config/\n', 'config/.env': S, 'pkg/config/.env.local': S, '.env': S }, ignored: ['config/.env', 'pkg/config/.env.local'] },
  {
    name: 'negation `!.env.local` re-includes',
    files: { '.gitignore': '# secrets\n.env*\n!.env.local\n', '.env': S, '.env.local': S, 'sub/.env.local': S },
    ignored: ['.env'],
  },
  {
    name: 'no re-include under an excluded parent; `dir/*` leaves the dir open',
    files: { '.gitignore': 'config/\n!config/.env\nsecrets/*\n!secrets/.env\n', 'config/.env': S, 'secrets/.env': S, 'secrets/.env.local': S },
    ignored: ['config/.env', 'secrets/.env.local'],
  },
  {
    name: 'nested .gitignore is relative to its folder',
    files: { 'sub/.gitignore': '.env\n/deep/.env.local\n', '.env': S, 'sub/.env': S, 'sub/deep/.env': S, 'sub/deep/.env.local': S, 'sub/x/deep/.env.local': S },
    ignored: ['sub/.env', 'sub/deep/.env', 'sub/deep/.env.local'],
  },
  {
    name: 'deeper `!.env` wins over the top .gitignore: the fix goes into the deeper file',
    files: { '.gitignore': '.env\n', 'sub/.gitignore': '!.env\n', '.env': S, 'sub/.env': S },
    ignored: ['.env'],
    edit: { 'sub/.env': 'sub/.gitignore', '.env': '.gitignore' },
  },
  {
    name: '.git/info/exclude',
    files: { '.env': S, '.env.local': S },
    setup: ({ repo }) => fs.writeFileSync(path.join(repo, '.git/info/exclude'), '# local\n.env.local\n'),
    ignored: ['.env.local'],
  },
  {
    name: 'core.excludesFile in the repo config, with ~',
    files: { '.env': S, '.env.production': S },
    setup: ({ repo, sb }) => {
      fs.writeFileSync(path.join(sb.home, 'my ignore'), '.env.production\n');
      git(repo, ['config', 'core.excludesFile', '~/my ignore']);
    },
    ignored: ['.env.production'],
  },
  {
    name: 'default per-user ignore file $XDG_CONFIG_HOME/git/ignore',
    files: { '.env': S, '.env.test': S },
    setup: ({ sb }) => writeFiles(sb.xdg, { 'git/ignore': '.env.test\n' }),
    ignored: ['.env.test'],
  },
  {
    name: 'core.excludesFile from $XDG_CONFIG_HOME/git/config',
    files: { '.env': S, '.env.a': S },
    setup: ({ sb }) => {
      writeFiles(sb.xdg, { 'git/config': `[core]\n\texcludesFile = ${sb.dir}/xdg-ignore\n` });
      writeFiles(sb.dir, { 'xdg-ignore': '.env.a\n' });
    },
    ignored: ['.env.a'],
  },
  {
    name: '~/.gitconfig overrides $XDG_CONFIG_HOME/git/config',
    files: { '.env': S, '.env.a': S, '.env.b': S },
    setup: ({ sb }) => {
      writeFiles(sb.xdg, { 'git/config': `[core]\n\texcludesFile = ${sb.dir}/xdg-ignore\n` });
      writeFiles(sb.dir, { 'xdg-ignore': '.env.a\n', 'home-ignore': '.env.b\n' });
      fs.appendFileSync(path.join(sb.home, '.gitconfig'), '[core]\n\texcludesFile = ~/../home-ignore\n');
    },
    ignored: ['.env.b'],
  },
  {
    name: 'core.excludesFile from GIT_CONFIG_GLOBAL',
    files: { '.env': S, '.env.staging': S },
    env: (sb) => {
      writeFiles(sb.dir, { 'global.gitconfig': `[user]\n\tname = T\n\temail = t@example.invalid\n[core]\n\texcludesFile = "${sb.dir}/global-ignore"\n`, 'global-ignore': '.env.staging\n' });
      return { GIT_CONFIG_GLOBAL: path.join(sb.dir, 'global.gitconfig') };
    },
    ignored: ['.env.staging'],
  },
  {
    name: 'tracked, then ignored: still tracked',
    files: { '.gitignore': '.env\n', '.env': S, '.env.local': S, 'app.ts': 'x' },
    track: ['.env', '.env.local', 'app.ts'],
    ignored: ['.env'],
    tracked: ['.env', '.env.local'],
  },
  {
    name: 'index version 4 (prefix-compressed paths)',
    files: { '.gitignore': '.env.local\n', 'a/b/c/.env': S, 'a/b/c/.env.local': S, 'a/b/d/.env': S, 'a/b/c/file.txt': 'x', 'a/bb/.env': S, 'z/.env': S },
    track: ['a/b/c/.env', 'a/b/c/.env.local', 'a/b/c/file.txt', 'a/bb/.env'],
    setup: ({ repo }) => {
      git(repo, ['update-index', '--index-version', '4']);
      assert.equal(fs.readFileSync(path.join(repo, '.git/index')).readUInt32BE(4), 4);
    },
    ignored: ['a/b/c/.env.local'],
    tracked: ['a/b/c/.env', 'a/b/c/.env.local', 'a/bb/.env'],
  },
  {
    name: 'index version 3 (intent-to-add entry has extended flags)',
    files: { '.env': S, '.env.local': S },
    setup: ({ repo }) => {
      git(repo, ['add', '-N', '.env.local']);
      assert.equal(fs.readFileSync(path.join(repo, '.git/index')).readUInt32BE(4), 3);
    },
    ignored: [],
    tracked: ['.env.local'],
  },
  {
    name: 'SHA-256 repository (32-byte object ids in the index)',
    initArgs: ['--object-format=sha256'],
    files: { '.gitignore': '.env.local\n', '.env': S, '.env.local': S },
    track: ['.env'],
    ignored: ['.env.local'],
    tracked: ['.env'],
  },
  {
    name: 'paths with spaces, unicode and a newline',
    files: { '.gitignore': 'my dir/\n日本/.env\n', 'my dir/.env': S, 'ünï/.env.prod': S, '日本/.env': S, 'we\nird/.env': S, 'a b/.env.x y': S },
    track: ['ünï/.env.prod', 'we\nird/.env', 'my dir/.env'],
    ignored: ['my dir/.env', '日本/.env'],
    tracked: ['ünï/.env.prod', 'we\nird/.env', 'my dir/.env'],
  },
  {
    name: 'glob characters in a folder name holding a .gitignore',
    files: { 'a[1]/.gitignore': '.env\n', 'a[1]/.env': S, 'a1/.env': S, 'a[1]/x/.env': S },
    ignored: ['a[1]/.env', 'a[1]/x/.env'],
  },
  {
    name: 'CRLF, BOM and trailing spaces in .gitignore',
    files: { '.gitignore': '\uFEFF.env   \r\n.env.local\r\n', '.env': S, '.env.local': S, '.env.prod': S },
    ignored: ['.env', '.env.local'],
  },
  {
    name: 'core.ignoreCase',
    files: { '.gitignore': '.ENV\n', '.env': S, '.env.local': S },
    setup: ({ repo }) => {
      git(repo, ['config', 'core.ignoreCase', 'true']);
    },
    ignored: ['.env'],
  },
  {
    name: 'a later `!.env` in the same file re-includes; appending wins',
    files: { '.gitignore': '.env\n!.env\n', '.env': S },
    ignored: [],
  },
  {
    name: 'ignore-everything-but style (`/*` then `!/keep/`)',
    files: { '.gitignore': '/*\n!/keep/\n!.gitignore\n', '.env': S, 'keep/.env': S, 'other/.env.local': S },
    ignored: ['.env', 'other/.env.local'],
  },
  {
    name: 'a negated parent directory is not a match for the file',
    files: { '.gitignore': 'config/\n!config/\n', 'config/.env': S },
    ignored: [],
  },
  {
    name: 'a .gitignore inside an excluded folder is never read',
    files: { '.gitignore': 'sub/\n', 'sub/.gitignore': '!.env\n', 'sub/.env': S },
    ignored: ['sub/.env'],
  },
  {
    name: 'a .gitignore negation beats info/exclude and the global excludes file',
    files: { '.gitignore': '!.env\n!.env.local\n', '.env': S, '.env.local': S, '.env.prod': S },
    setup: ({ repo, sb }) => {
      fs.writeFileSync(path.join(repo, '.git/info/exclude'), '.env\n');
      writeFiles(sb.xdg, { 'git/ignore': '.env*\n' });
    },
    ignored: ['.env.prod'],
    edit: { '.env': '.gitignore' },
  },
  {
    name: '`.env/` (directory only) does not match a file',
    files: { '.gitignore': '.env/\n', '.env': S },
    ignored: [],
  },
  {
    name: 'workspace is a subfolder with its own .gitignore',
    files: { '.gitignore': 'node_modules/\n', 'packages/app/.gitignore': '.env.local\n', 'packages/app/.env': S, 'packages/app/.env.local': S },
    workspace: 'packages/app',
    ignored: ['.env.local'],
    edit: { '.env': 'packages/app/.gitignore' },
  },
  {
    name: 'workspace is a subfolder without a .gitignore: the repository top one',
    files: { '.gitignore': '/packages/app/.env.local\n', 'packages/app/.env': S, 'packages/app/.env.local': S },
    workspace: 'packages/app',
    ignored: ['.env.local'],
    edit: { '.env': '.gitignore' },
  },
  {
    name: 'not a repository: judged as `git init` would',
    init: false,
    files: { '.gitignore': '.env\n', '.env': S, '.env.local': S, 'sub/.gitignore': '.env.local\n', 'sub/.env.local': S },
    ignored: ['.env', 'sub/.env.local'],
    edit: { '.env.local': '.gitignore' },
  },
  {
    name: 'nested repository: its own rules only',
    files: { '.gitignore': '.env\n', '.env': S },
    setup: ({ repo }) => {
      const inner = path.join(repo, 'inner');
      fs.mkdirSync(inner);
      git(inner, ['init', '-q']);
      writeFiles(inner, { '.gitignore': '.env.local\n', '.env': S, '.env.local': S });
    },
    ignored: ['.env', 'inner/.env.local'],
    edit: { 'inner/.env': 'inner/.gitignore' },
  },
  {
    name: 'linked worktree (.git file, commondir, shared info/exclude)',
    files: { '.gitignore': '.env\n' },
    track: ['.gitignore'],
    setup: ({ repo, sb }) => {
      const wt = path.join(sb.dir, 'wt');
      git(repo, ['worktree', 'add', '-q', wt]);
      fs.writeFileSync(path.join(repo, '.git/info/exclude'), '.env.local\n');
      writeFiles(wt, { '.env': S, '.env.local': S, '.env.prod': S, 'sub/.env.prod': S });
      git(wt, ['add', '-f', 'sub/.env.prod']);
      return wt;
    },
    ignored: ['.env', '.env.local'],
    tracked: ['sub/.env.prod'],
  },
  {
    name: 'symlinked .gitignore inside the work tree is not followed',
    files: { 'real-rules': '.env\n', 'sub/.env': S, '.env.local': S },
    setup: ({ repo }) => fs.symlinkSync('../real-rules', path.join(repo, 'sub/.gitignore')),
    ignored: [],
  },
];

const comparable = (s: EnvFileStatus) => ({ ...s, method: undefined });

describe('envfiles matrix: git vs in-process vs git truth', function () {
  this.timeout(30000);
  for (const row of rows) {
    it(row.name, async () => {
      const sb = makeSandbox();
      try {
        if (row.env) Object.assign(process.env, row.env(sb));
        const repo = path.join(sb.dir, 'repo');
        fs.mkdirSync(repo);
        if (row.init !== false) git(repo, ['init', '-q', ...(row.initArgs ?? [])]);
        writeFiles(repo, row.files);
        if (row.track?.length) {
          git(repo, ['add', '-f', '--', ...row.track]);
          git(repo, ['commit', '-q', '-m', 'fixture']);
        }
        const ws = row.setup?.({ repo, sb }) ?? path.join(repo, row.workspace ?? '');
        const found = await findEnvFiles(ws);
        if (!row.setup) {
          const expected = Object.keys(row.files).map((f) => path.join(repo, f))
            .filter((f) => isEnvFileName(path.basename(f)) && !path.relative(ws, f).startsWith('..')).sort();
          assert.deepEqual(found, expected);
        }
        const viaGit = await evaluateEnvFiles(ws, found, { useGit: true });
        const inProc = await evaluateEnvFiles(ws, found, { useGit: false });
        assert.deepEqual(viaGit.map(comparable), inProc.map(comparable), 'git and in-process disagree');
        assert.ok(inProc.every((s) => s.method === 'in-process'));
        const isRepo = row.init !== false;
        assert.ok(viaGit.every((s) => s.method === (isRepo ? 'git' : 'in-process')));

        if (!isRepo) git(ws, ['init', '-q']);
        const truth = (file: string, kind: 'ignored' | 'tracked'): boolean => {
          const top = gitTopOf(path.dirname(file)) as string;
          return (kind === 'ignored' ? gitTruthIgnored(top) : gitTruthTracked(top)).has(file);
        };
        for (const s of viaGit) {
          assert.equal(s.ignored, truth(s.file, 'ignored'), `ignored(${JSON.stringify(s.relPath)}) differs from git`);
          assert.equal(s.tracked, truth(s.file, 'tracked'), `tracked(${JSON.stringify(s.relPath)}) differs from git`);
        }
        assert.deepEqual(viaGit.filter((s) => s.ignored).map((s) => s.relPath).sort(), [...row.ignored].sort());
        assert.deepEqual(viaGit.filter((s) => s.tracked).map((s) => s.relPath).sort(), [...(row.tracked ?? [])].sort());
        for (const [rel, gi] of Object.entries(row.edit ?? {})) {
          const s = viaGit.find((x) => x.relPath === rel);
          assert.ok(s, `no status for ${rel}`);
          assert.equal(s.gitignoreToEdit, path.join(repo, gi));
        }

        // The fix: after appending each entry to the chosen .gitignore, git ignores every file.
        for (const s of viaGit) assert.equal(s.gitignoreExists, fs.existsSync(s.gitignoreToEdit));
        for (const s of viaGit.filter((x) => !x.ignored)) {
          const before = fs.existsSync(s.gitignoreToEdit) ? fs.readFileSync(s.gitignoreToEdit, 'utf8') : undefined;
          fs.writeFileSync(s.gitignoreToEdit, appendGitignoreEntry(before, gitignoreEntryFor(s)).text);
        }
        for (const s of viaGit) assert.ok(truth(s.file, 'ignored'), `still not ignored after the fix: ${JSON.stringify(s.relPath)}`);
        const after = await evaluateEnvFiles(ws, found, { useGit: false });
        assert.ok(after.every((s) => s.ignored), 'in-process disagrees after the fix');
      } finally {
        sb.restoreEnv();
      }
    });
  }
});
