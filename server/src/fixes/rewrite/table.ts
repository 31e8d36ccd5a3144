// Which rewrite each language family uses for "Move key to environment variable": data the move
// planner reads, so adding a language is one row here plus its rewrite module.
import type { Family } from '../../../../shared/languages';
import { rewriteC } from './c';
import { rewriteEnvExample, rewriteTerraform } from './config';
import { rewriteGo } from './go';
import { rewriteJs } from './js';
import { rewriteJavaLike } from './jvm';
import { rewritePython } from './python';
import { rewriteRust } from './rust';
import { rewriteRubyLike } from './scripting';
import { rewriteDockerfile, rewriteShellWord } from './shell';
import type { Rewriter } from './types';

/** The lookup replaces the secret itself, whatever quoting surrounds it. */
const inPlace: Rewriter = (c) => ({ start: c.s, end: c.e, newText: c.lookup.expression });

export const REWRITERS: Partial<Record<Family, Rewriter>> = {
  js: rewriteJs,
  python: rewritePython,
  go: rewriteGo,
  java: rewriteJavaLike,
  kotlin: rewriteJavaLike,
  csharp: rewriteJavaLike,
  scala: rewriteJavaLike,
  swift: rewriteJavaLike,
  dart: rewriteJavaLike,
  rust: rewriteRust,
  c: rewriteC,
  ruby: rewriteRubyLike,
  php: rewriteRubyLike,
  perl: rewriteRubyLike,
  lua: rewriteRubyLike,
  elixir: rewriteRubyLike,
  r: rewriteRubyLike,
  powershell: rewriteRubyLike,
  shell: (c) => rewriteShellWord(c, c.lookup.expression),
  dockerfile: rewriteDockerfile,
  // Make expands $(NAME) before any shell sees the line, whatever the quoting.
  makefile: inPlace,
  // Compose interpolates ${NAME} inside any YAML scalar; Actions substitutes ${{ }} textually.
  compose: inPlace,
  'github-actions': inPlace,
  terraform: rewriteTerraform,
  // These formats expand ${NAME} wherever the value stands, quoted or not.
  'spring-yaml': inPlace,
  'spring-properties': inPlace,
  yaml: inPlace,
  npmrc: inPlace,
  'gitlab-ci': inPlace,
  'env-example': rewriteEnvExample,
};
