// Shell scripts: source the folder's .env with `set -a` (so the programs the script starts see it
// too), found from the script's own folder, and skipped when the file is missing.
import { edit, eolOf } from '../text';
import type { LoaderContext, LoaderPlan } from './types';

export function planShellLoader(ctx: LoaderContext): LoaderPlan | undefined {
  // POSIX sh syntax: not for fish or the rc files a login shell sources.
  if (!/\.(?:sh|bash|zsh|ksh)$/.test(ctx.source.path)) return undefined;
  const text = ctx.source.text;
  const eol = eolOf(text);
  const depth = ctx.source.path.replace(/\\/g, '/').split('/').length - 1;
  const env = `"$(dirname "$0")/${'../'.repeat(depth)}.env"`;
  const at = text.startsWith('#!') ? (text.indexOf('\n') + 1 || text.length) : 0;
  const lead = at === text.length && text.length && !text.endsWith('\n') ? eol : '';
  const lines = ['set -a', `[ ! -f ${env} ] || . ${env}`, 'set +a'];
  return { label: 'set -a; . .env', sourceEdits: [edit(text, at, at, `${lead}${lines.join(eol)}${eol}`)], files: [] };
}
