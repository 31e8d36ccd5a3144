// Structure lint: the arrows ARCHITECTURE.md forbids, import cycles (type imports included) and over-long functions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/** Longest function body, in lines, before it must become a module or a small class (see ARCHITECTURE.md). */
export const MAX_FUNCTION_LINES = 80;

const ROOTS = ['shared', 'server/src', 'client/src'];

/** A layer may import only the layers listed for it (plus itself). Order matters: first match wins. */
export const LAYERS: readonly { name: string; dir: string; may: readonly string[]; externals?: RegExp }[] = [
  { name: 'shared', dir: 'shared/', may: [], externals: /^(?:vscode|vscode-languageserver.*|vscode-languageclient.*|undici)$/ },
  { name: 'engine', dir: 'server/src/engine/', may: ['shared'], externals: /^(?:node:)?(?:fs|fs\/promises|child_process|net|http|https|worker_threads)$|^vscode/ },
  { name: 'fixes', dir: 'server/src/fixes/', may: ['shared', 'engine'], externals: /^(?:node:)?(?:child_process|net|http|https)$|^vscode/ },
    { name: 'git', dir: 'server/src/git/', may: ['shared'], externals: /^vscode/ },
  { name: 'workspace', dir: 'server/src/workspace/', may: ['shared', 'engine', 'git'], externals: /^vscode/ },
  { name: 'config', dir: 'server/src/config/', may: ['shared', 'engine', 'workspace'], externals: /^vscode/ },
  { name: 'envfiles', dir: 'server/src/envfiles/', may: ['shared', 'engine', 'workspace', 'config', 'git'], externals: /^vscode/ },
  { name: 'workers', dir: 'server/src/workers/', may: [], externals: /^vscode/ },
  { name: 'cli', dir: 'server/src/cli/', may: ['shared', 'engine', 'fixes', 'workspace', 'envfiles', 'config', 'git', 'workers'], externals: /^vscode/ },
  { name: 'lsp', dir: 'server/src/lsp/', may: ['shared', 'engine', 'fixes', 'workspace', 'envfiles', 'config', 'cli', 'git', 'workers'], externals: /^vscode$/ },
  { name: 'server', dir: 'server/src/', may: ['shared', 'engine', 'fixes', 'workspace', 'envfiles', 'config', 'cli', 'lsp', 'git', 'workers'], externals: /^vscode$/ },
  { name: 'client', dir: 'client/src/', may: ['shared'], externals: /^vscode-languageserver(?:\/|$)/ },
];

export interface Problem {
  kind: 'forbidden-import' | 'cycle' | 'long-function';
  file: string;
  message: string;
}

function listFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return listFiles(root, rel);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

function layerOf(rel: string) {
  return LAYERS.find((l) => rel.startsWith(l.dir));
}

/** Every module specifier of a file: imports, `import type`, re-exports, dynamic import() and require(). */
function specifiers(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) out.push(node.moduleReference.expression.text);
    else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) out.push(node.arguments[0].text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) out.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function resolveLocal(root: string, fromRel: string, spec: string): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    const abs = path.join(root, cand);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return cand;
  }
  return undefined;
}

function functionName(node: ts.Node): string {
  const named = node as { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

function longFunctions(sf: ts.SourceFile, rel: string, max: number): Problem[] {
  const out: Problem[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node)) && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.body.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.body.getEnd()).line;
      const lines = last - first + 1;
      if (lines > max) out.push({ kind: 'long-function', file: rel, message: `${rel}:${first + 1} ${functionName(node)} is ${lines} lines (limit ${max})` });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Strongly connected components of more than one file (or a self-import): each is a cycle. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || graph.get(v)?.has(v)) out.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return out;
}

export function lintStructure(root: string, max = MAX_FUNCTION_LINES): Problem[] {
  const problems: Problem[] = [];
  const graph = new Map<string, Set<string>>();
  for (const rel of ROOTS.flatMap((r) => listFiles(root, r))) {
    const sf = ts.createSourceFile(rel, fs.readFileSync(path.join(root, rel), 'utf8'), ts.ScriptTarget.ES2022, true);
    const from = layerOf(rel);
    const edges = new Set<string>();
    graph.set(rel, edges);
    for (const spec of specifiers(sf)) {
      if (!spec.startsWith('.')) {
        if (from?.externals?.test(spec)) problems.push({ kind: 'forbidden-import', file: rel, message: `${rel} (${from.name}) imports '${spec}'` });
        continue;
      }
      const target = resolveLocal(root, rel, spec);
      if (!target) continue; // tsc reports unresolved imports
      edges.add(target);
      const to = layerOf(target);
      if (from && to && to.name !== from.name && !from.may.includes(to.name)) {
        problems.push({ kind: 'forbidden-import', file: rel, message: `${rel} (${from.name}) imports ${target} (${to.name})` });
      }
    }
    problems.push(...longFunctions(sf, rel, max));
  }
  for (const comp of cycles(graph)) problems.push({ kind: 'cycle', file: comp[0], message: `import cycle: ${comp.join(' -> ')}` });
  return problems;
}

if (require.main === module) {
  const problems = lintStructure(path.resolve(__dirname, '..'));
  for (const p of problems) console.log(`${p.kind}: ${p.message}`);
  console.log(problems.length ? `\n${problems.length} structure problems (see ARCHITECTURE.md)` : 'structure: no forbidden imports, no cycles, no function over the limit');
  process.exit(problems.length ? 1 : 0);
}
