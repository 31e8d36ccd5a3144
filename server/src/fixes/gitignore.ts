// Ensures .gitignore lists the env file. The exact git answer (nested .gitignore files, global
// excludes) is computed elsewhere and passed in as `needed`; without it a simple local check decides.
import type { TextEdit } from './types';
import { edit, eolOf } from './text';

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        out += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += '\\' + glob[++i];
    else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return out;
}

/** Whether this .gitignore text ignores `path` (relative, forward slashes), by the last matching line. */
export function gitignoreIgnores(gitignoreText: string, path: string): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.?\//, '');
  const segments = p.split('/');
  let ignored = false;
  for (const raw of gitignoreText.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    const re = new RegExp(`^${globToRegex(line)}$`);
    let hit = false;
    if (anchored) {
      // The path itself, or one of its parent directories.
      for (let k = 1; k <= segments.length && !hit; k++) hit = re.test(segments.slice(0, k).join('/')) && (!dirOnly || k < segments.length);
    } else {
      hit = segments.some((seg, k) => re.test(seg) && (!dirOnly || k < segments.length - 1));
    }
    if (hit) ignored = !negate;
  }
  return ignored;
}

export interface GitignorePlan {
  edit?: TextEdit;
  create?: string;
  alreadyPresent: boolean;
}

/** Adds `entry` (default .env) to .gitignore unless it is already ignored; `needed` overrides the check. */
export function planGitignoreEnsure(gitignoreText: string | undefined, entry = '.env', needed?: boolean): GitignorePlan {
  const covered = needed === undefined ? gitignoreText !== undefined && gitignoreIgnores(gitignoreText, entry) : !needed;
  if (covered) return { alreadyPresent: true };
  if (gitignoreText === undefined) return { alreadyPresent: false, create: `${entry}\n` };
  const eol = eolOf(gitignoreText);
  const lead = gitignoreText.length && !gitignoreText.endsWith('\n') ? eol : '';
  return { alreadyPresent: false, edit: edit(gitignoreText, gitignoreText.length, gitignoreText.length, `${lead}${entry}${eol}`) };
}
