// The one language table (issue 8): classification is what the table says for every id and
// extension, the cases where the engine's and the fixes' old tables disagreed are decided, and the
// engine, the fixes, envfiles and the client all answer ".env template?" with the same check.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scan } from '../../../server/src/engine';
import { Synth } from '../../../server/src/engine/formats/synth';
import { findEnvFiles } from '../../../server/src/envfiles';
import { applyEdits, envLookup, isUnsupported, planIgnoreLine, planMoveToEnv } from '../../../server/src/fixes';
import { classifyFile, isEnvFileName, isEnvTemplateName, LANGUAGES, languageOf, type Family } from '../../../shared/languages';

const ROOT = path.resolve(__dirname, '../../..');
// Generated, shape-correct OpenAI project key ("T3BlbkFJ" is OpenAI's mark); never issued.
const synth = new Synth('shared-languages-tests');
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const KEY = `sk-proj-${synth.s(B64URL, 60)}T3BlbkFJ${synth.s(B64URL, 60)}`;

describe('shared/languages: the table', () => {
  it('has one row per family, and no language id or extension in two rows', () => {
    const seen = (pick: (e: (typeof LANGUAGES)[number]) => readonly string[]) => {
      const all = LANGUAGES.flatMap(pick);
      return all.filter((x, i) => all.indexOf(x) !== i);
    };
    assert.deepEqual(seen((e) => [e.family]), []);
    assert.deepEqual(seen((e) => e.ids), []);
    assert.deepEqual(seen((e) => e.extensions), []);
    for (const e of LANGUAGES) assert.equal(languageOf(e.base).base, e.base, `${e.family}: its base ${e.base} must be a row of its own`);
  });

  for (const e of LANGUAGES) {
    for (const id of e.ids) it(`language id ${id} -> ${e.family}`, () => assert.equal(classifyFile('src/untitled', id), e.family));
    for (const ext of e.extensions) it(`.${ext} -> ${e.family}`, () => assert.equal(classifyFile(`src/file.${ext}`), e.family));
  }
});

describe('shared/languages: one precedence rule (table names > language id > extension)', () => {
  const cases: [string, string | undefined, Family][] = [
    // A name the table knows wins over a generic or extension-dependent id.
    ['docker-compose.yml', 'yaml', 'compose'],
    ['.github/workflows/ci.yml', 'yaml', 'github-actions'],
    ['.gitlab-ci.yml', 'yaml', 'gitlab-ci'],
    ['src/main/resources/application-prod.yml', 'yaml', 'spring-yaml'],
    ['application.properties', 'properties', 'spring-properties'],
    ['.npmrc', 'ini', 'npmrc'],
    ['.env', 'shellscript', 'dotenv'],
    ['.env.production', 'properties', 'dotenv'],
    ['prod.env', 'plaintext', 'dotenv'],
    ['.env.example', 'dotenv', 'env-example'],
    ['example.env', undefined, 'env-example'],
    ['x/Dockerfile.prod', 'plaintext', 'dockerfile'],
    ['tsconfig.base.json', 'json', 'jsonc'],
    ['.vscode/settings.json', 'json', 'jsonc'],
    ['Gemfile', undefined, 'ruby'],
    ['.envrc', undefined, 'shell'],
    // Otherwise the id says what the content is.
    ['notes.txt', 'python', 'python'],
    ['a.js', 'typescript', 'js'],
    // Otherwise the extension; unknown files are plain text.
    ['a.weird', 'unknown-language', 'plaintext'],
    ['README', undefined, 'plaintext'],
    ['C:\\src\\App.cs', undefined, 'csharp'],
    // `.env`-named programs are code, classified by id or extension.
    ['.env.ts', undefined, 'js'],
    ['.env.ts', 'typescript', 'js'],
    ['src/.env.js', undefined, 'js'],
    ['.env.d.ts', undefined, 'js'],
    ['.env.example.ts', undefined, 'js'],
    ['.env.py', 'python', 'python'],
  ];
  for (const [p, id, want] of cases) it(`${p} (${id ?? '-'}) -> ${want}`, () => assert.equal(classifyFile(p, id), want));
});

describe('shared/languages: the former disagreements, decided', () => {
  // [path, id, family, decision]. The old engine table (id wins) and fixes table (path wins) put these apart.
  const cases: [string, string, Family, string][] = [
    ['analysis.R', 'r', 'r', 'own row (engine said python): quoted literals, # comments, Sys.getenv'],
    ['init.lua', 'lua', 'lua', 'own row (engine said ruby): Lua strings do not expand $name'],
    ['tool.pl', 'perl', 'perl', 'own row (engine said ruby): "$name" interpolates'],
    ['mix.exs', 'elixir', 'elixir', 'own row (engine said ruby): Elixir interpolates #{}, not $name'],
    ['main.dart', 'dart', 'dart', 'own row (engine said java): "$name" interpolates'],
    ['build.bat', 'bat', 'batch', 'own row (engine said shell): `set K=v` is a bare literal, %NAME% not $name, REM comments'],
    ['nb.ipynb', 'json', 'notebook', 'notebook wins over the json id (engine said json): literals quoted as in JSON'],
    ['build.gradle', 'groovy', 'groovy', 'own row (engine said java, fixes unknown): GStrings interpolate; no rewrite claimed'],
    ['Jenkinsfile', 'groovy', 'groovy', 'as build.gradle'],
    ['Program.fs', 'fsharp', 'fsharp', 'own row (engine said csharp, fixes unknown): // comments, no rewrite claimed'],
    ['Module.vb', 'vb', 'vb', "own row (engine said csharp, fixes unknown): ' comments, no rewrite claimed"],
    ['site.css', 'css', 'css', 'own row (engine said plaintext): bare `--x: v` literals, but not prose'],
  ];
  for (const [p, id, want, why] of cases) {
    it(`${p}: by id and by path -> ${want} (${why})`, () => {
      assert.equal(classifyFile(p, id), want);
      assert.equal(classifyFile(p), want);
    });
  }
  it('the decided rows carry the syntax the decisions name', () => {
    assert.equal(languageOf('perl').dollarInterpolation, true);
    assert.equal(languageOf('dart').dollarInterpolation, true);
    assert.equal(languageOf('groovy').dollarInterpolation, true);
    assert.equal(languageOf('lua').dollarInterpolation, false);
    assert.equal(languageOf('elixir').dollarInterpolation, false);
    assert.equal(languageOf('batch').dollarInterpolation, false);
    assert.equal(languageOf('batch').literals, 'unquoted');
    assert.equal(languageOf('css').literals, 'unquoted');
    assert.equal(languageOf('css').doc, false);
    assert.equal(languageOf('notebook').literals, languageOf('json').literals);
    assert.deepEqual(languageOf('vb').comment, { open: "'" });
  });
  it('the fixes follow the table: R reads Sys.getenv, Groovy explains instead of guessing', () => {
    const r = envLookup({ text: '', languageId: 'r', filePath: 'a.R', name: 'OPENAI_API_KEY' });
    assert.ok(!isUnsupported(r) && r.expression === 'Sys.getenv("OPENAI_API_KEY")');
    assert.ok(isUnsupported(envLookup({ text: '', languageId: 'groovy', filePath: 'build.gradle', name: 'OPENAI_API_KEY' })));
    assert.equal(applyEdits('x = 1\n', [planIgnoreLine('x = 1\n', 'bat', 0, 'build.bat')!]), 'REM keyward-ignore-next-line\nx = 1\n');
  });
});

// One template check, four callers. Each caller is run on the same names and must agree with it.
const TEMPLATES = ['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults', '.env.tpl', '.env.local.example', '.env.example.local', 'example.env', '.ENV.EXAMPLE'];
const SECRET_FILES = ['.env', '.env.local', '.env.production', '.env.development.local'];
const ENV_CODE = ['.env.ts', '.env.js', '.env.mjs', '.env.example.ts'];

describe('shared/languages: one .env template check for engine, fixes, envfiles and client', () => {
  it('the check itself', () => {
    for (const n of TEMPLATES) assert.equal(isEnvTemplateName(n), true, n);
    for (const n of [...SECRET_FILES, ...ENV_CODE, '.envrc', 'config.ts']) assert.equal(isEnvTemplateName(n), false, n);
    for (const n of SECRET_FILES) assert.equal(isEnvFileName(n), true, n);
    for (const n of [...TEMPLATES, ...ENV_CODE]) assert.equal(isEnvFileName(n), false, n);
  });

  describe('engine: keys in templates and .env-named code are reported, in secret .env files not', () => {
    const dotenvLine = `OPENAI_API_KEY=${KEY}\n`;
    const codeLine = `export const openai = "${KEY}";\n`;
    for (const n of TEMPLATES) it(n, () => assert.equal(scan(dotenvLine, n).length, 1));
    for (const n of SECRET_FILES) it(n, () => assert.equal(scan(dotenvLine, n).length, 0));
    // The regression: the same line flagged in config.ts was silent in .env.ts.
    for (const n of ['config.ts', ...ENV_CODE]) {
      it(`${n} (as code)`, () => {
        const found = scan(codeLine, `src/${n}`);
        assert.equal(found.length, 1);
        assert.equal(found[0].family, 'js');
      });
    }
  });

  describe('fixes: a template keeps the name and loses the value; .env-named code reads process.env', () => {
    for (const n of TEMPLATES) {
      it(n, () => {
        const text = `OPENAI_API_KEY=${KEY}\nOTHER=1\n`;
        const [finding] = scan(text, n);
        assert.equal(finding.family, 'env-example');
        const plan = planMoveToEnv({ text, languageId: 'dotenv', filePath: n, finding, name: 'OPENAI_API_KEY' });
        assert.ok(!isUnsupported(plan));
        assert.equal(applyEdits(text, plan.edits), 'OPENAI_API_KEY=\nOTHER=1\n');
      });
    }
    for (const n of ENV_CODE.filter((x) => x !== '.env.mjs')) {
      it(n, () => {
        const text = `export const openai = "${KEY}";\n`;
        const [finding] = scan(text, n);
        const plan = planMoveToEnv({ text, languageId: n.endsWith('.ts') ? 'typescript' : 'javascript', filePath: n, finding, name: 'OPENAI_API_KEY' });
        assert.ok(!isUnsupported(plan));
        assert.match(applyEdits(text, plan.edits), /process\.env\.OPENAI_API_KEY/);
      });
    }
    it('a secret .env file gets the explanation, not a rewrite', () => {
      const r = envLookup({ text: '', languageId: 'dotenv', filePath: '.env.local', name: 'OPENAI_API_KEY' });
      assert.ok(isUnsupported(r) && /already lives in an env file/.test(r.unsupported));
    });
  });

  describe('envfiles: discovery finds exactly the names the check calls secret files', () => {
    let dir: string;
    before(() => {
      dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-lang-')));
      // Case variants of one name would collide on case-insensitive file systems: lower case only here.
      for (const n of [...TEMPLATES.filter((t) => t === t.toLowerCase()), ...SECRET_FILES, ...ENV_CODE, '.envrc']) fs.writeFileSync(path.join(dir, n), 'A=1\n');
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    it('templates and .env-named code are not secret files', async () => {
      const found = (await findEnvFiles(dir)).map((f) => path.basename(f)).sort();
      assert.deepEqual(found, [...SECRET_FILES].sort());
    });
  });

  describe('client and everyone else: no second copy of the check', () => {
    it('the client filters workspace .env files with the shared check', () => {
      const src = fs.readFileSync(path.join(ROOT, 'client/src/keys/workspaceEnv.ts'), 'utf8');
      assert.match(src, /import \{[^}]*\bisEnvFileName\b[^}]*\} from '\.\.\/\.\.\/\.\.\/shared\/languages(?:\/envNames)?'/);
      assert.match(src, /\.filter\(\(u\) => isEnvFileName\(u\.path\)\)/);
    });
    it('no source outside shared/languages keeps its own list of template words', () => {
      const own = /(?:example|sample|template)\|(?:[\w?]+\|)*dist\b|'example',\s*'(?:examples|sample)'/;
      const files = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
      const all = [...files(path.join(ROOT, 'server/src')), ...files(path.join(ROOT, 'client/src')), ...files(path.join(ROOT, 'shared'))].filter((f) => !f.includes(`${path.sep}shared${path.sep}languages${path.sep}`));
      assert.ok(all.length > 50);
      const offenders = all.filter((f) => own.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
      assert.deepEqual(offenders, []);
      // ...and the guard does catch the old copies.
      assert.ok(own.test("const TEMPLATE = /\\.(example|sample|template|dist|defaults)$/i;"));
      assert.ok(own.test("/^\\.env\\..*(example|sample|template|dist|defaults?|schema|tpl)/"));
    });
  });
});
