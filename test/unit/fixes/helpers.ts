// Test helpers: findings built from fixture text, and real parsers/compilers as the judges of validity.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import type { Finding } from '../../../server/src/engine/types';
import { applyEdits, isUnsupported, type MovePlan, type Unsupported } from '../../../server/src/fixes';

function pos(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** A finding for the first occurrence of `secret` in `text` (after `after`, when given). */
export function findingFor(text: string, secret: string, extra: Partial<Finding> & { after?: string } = {}): Finding {
  const from = extra.after ? text.indexOf(extra.after) : 0;
  const offset = text.indexOf(secret, from);
  if (offset < 0) throw new Error(`fixture lacks ${secret.slice(0, 6)}`);
  const { after: _after, ...rest } = extra;
  return {
    ruleId: 'hardcoded-key',
    severity: 'warning',
    message: 'test',
    range: { start: pos(text, offset), end: pos(text, offset + secret.length) },
    offset,
    length: secret.length,
    fingerprint: 'x',
    ...rest,
  };
}

export function mustPlan(p: MovePlan | Unsupported): MovePlan {
  if (isUnsupported(p)) throw new Error(`unexpectedly unsupported: ${p.unsupported}`);
  return p;
}

export function applyPlan(text: string, p: MovePlan | Unsupported): string {
  return applyEdits(text, mustPlan(p).edits);
}

/** Syntax errors TypeScript reports for this source (JS, TS, JSX, TSX by file name). */
export function tsSyntaxErrors(code: string, fileName: string): string[] {
  const kind = /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.jsx$/.test(fileName) ? ts.ScriptKind.JSX : /\.ts$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, kind);
  const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Full type-check of one TS module against @types/node (strict), as the user's tsc would do. */
export function tsTypeErrors(code: string, fileName = 'check.ts'): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kw-ts-'));
  try {
    const file = join(dir, fileName);
    writeFileSync(file, code);
    const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, lib: ['lib.es2022.d.ts'], types: ['node'], typeRoots: [join(process.cwd(), 'node_modules', '@types')], jsx: ts.JsxEmit.Preserve, skipLibCheck: true });
    return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

export function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/**
 * The rest of the test needs `cmd`: without it the test is skipped (mocha pending), so `npm test`
 * counts it and CI fails on it, instead of passing with its assertions left out.
 */
export function needTool(ctx: Mocha.Context, cmd: string): void {
  if (!has(cmd)) ctx.skip();
}

export function pythonError(code: string): string | undefined {
  const r = run('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], code);
  return r.ok ? undefined : r.out;
}

/** Writes `code` to a temp file and runs a checker on it; returns the checker's complaint, if any. */
function withFile(name: string, code: string, check: (file: string, dir: string) => { ok: boolean; out: string }): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'kw-fix-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, code);
    const r = check(file, dir);
    return r.ok ? undefined : r.out || 'failed';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Type-checks and compiles a Go file (package main) with the real toolchain. */
export function goError(code: string): string | undefined {
  return withFile('main.go', code, (f, dir) => run('go', ['build', '-o', join(dir, 'out'), f], undefined, { GOCACHE: join(tmpdir(), 'kw-gocache'), HOME: tmpdir(), GO111MODULE: 'off', GOFLAGS: '' }));
}
/** gofmt's complaint: a syntax error, or the file not being in gofmt's layout. */
export function gofmtDiff(code: string): string | undefined {
  return withFile('main.go', code, (f) => {
    const r = run('gofmt', ['-l', '-e', f]);
    return { ok: r.ok && r.out.trim() === '', out: r.out };
  });
}
/** Compiles a Java source file whose public-or-first class is `className`. */
export function javaError(code: string, className = 'A'): string | undefined {
  return withFile(`${className}.java`, code, (f, dir) => run('javac', ['-d', dir, f]));
}
/** Compiles C# with Mono's mcs as a library. */
export function csharpError(code: string): string | undefined {
  return withFile('a.cs', code, (f, dir) => run('mcs', ['-target:library', `-out:${join(dir, 'a.dll')}`, f]));
}
export function rubyError(code: string): string | undefined {
  return withFile('a.rb', code, (f) => run('ruby', ['-c', f]));
}
export function phpError(code: string): string | undefined {
  return withFile('a.php', code, (f) => run('php', ['-l', f]));
}
export function bashError(code: string): string | undefined {
  return withFile('a.sh', code, (f) => run('bash', ['-n', f]));
}
/** Compiles a Rust library crate (type checks included). */
export function rustError(code: string): string | undefined {
  return withFile('lib.rs', code, (f, dir) => run('rustc', ['--edition', '2021', '--crate-type', 'lib', '--emit', 'metadata', '-o', join(dir, 'out.rmeta'), f]));
}
export function yamlValue(code: string): unknown {
  const r = run('python3', ['-c', 'import yaml,sys,json; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], code);
  if (!r.ok) throw new Error(r.out);
  return JSON.parse(r.out);
}
