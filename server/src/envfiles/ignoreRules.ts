// git's ignore rules evaluated in-process for the .env checks, when git must not run (untrusted
// workspace) or is missing. Matching is the shared matcher's (shared/gitignoreRules); this module
// finds the .gitignore files that apply to a folder, reads each once, and caches a rule set per folder.
import * as path from 'node:path';
import { GitignoreRules, type IgnoreSource, type IgnoreVerdict } from '../../../shared/gitignoreRules';
import { readText } from './fsutil';

export type { IgnoreSource as IgnoreSourceFile, IgnoreVerdict } from '../../../shared/gitignoreRules';

export interface LayeredIgnoreOptions {
  /** Absolute top of the work tree (or the workspace root outside any repository). */
  top: string;
  /** Lowest precedence first: core.excludesFile, then .git/info/exclude. */
  baseSources: IgnoreSource[];
  ignoreCase: boolean;
}

/** Answers "is this path ignored, and by which pattern" for paths under one top directory. */
export class LayeredIgnore {
  private readonly gitignores = new Map<string, Promise<IgnoreSource | undefined>>();
  private readonly matchers = new Map<string, Promise<GitignoreRules>>();

  constructor(private readonly opts: LayeredIgnoreOptions) {}

  /** relPath: `/`-separated, relative to the top, naming a file. */
  async check(relPath: string): Promise<IgnoreVerdict> {
    const dir = relPath.includes('/') ? relPath.slice(0, relPath.lastIndexOf('/')) : '';
    return (await this.matcherFor(dir)).check(relPath);
  }

  private matcherFor(dir: string): Promise<GitignoreRules> {
    let m = this.matchers.get(dir);
    if (!m) {
      m = this.buildMatcher(dir);
      this.matchers.set(dir, m);
    }
    return m;
  }

  /** The parent folder's rules plus this folder's .gitignore: each file is parsed once per folder chain. */
  private async buildMatcher(dir: string): Promise<GitignoreRules> {
    const parent = dir === '' ? GitignoreRules.of(this.opts.baseSources, { ignoreCase: this.opts.ignoreCase }) : await this.matcherFor(dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '');
    const own = await this.gitignoreIn(dir);
    return own ? parent.with(own) : parent;
  }

  private gitignoreIn(dir: string): Promise<IgnoreSource | undefined> {
    let p = this.gitignores.get(dir);
    if (!p) {
      const file = path.join(this.opts.top, ...(dir ? dir.split('/') : []), '.gitignore');
      // git does not follow a .gitignore that is a symbolic link inside the work tree.
      p = readText(file, undefined, false).then((text) => (text === undefined ? undefined : { file, dir, text }));
      this.gitignores.set(dir, p);
    }
    return p;
  }
}
