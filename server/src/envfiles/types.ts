// What the .env checks know about one file. Shared by the git and the in-process evaluators.

export interface IgnoreMatch {
  /** Absolute path of the file holding the pattern (.gitignore, info/exclude, core.excludesFile). */
  source: string;
  /** One-based line of the pattern in that file. */
  line: number;
  /** The pattern as written, `!` included for a negation (as `git check-ignore -v` prints it). */
  pattern: string;
}

export interface EnvFileStatus {
  /** Absolute path of the .env file. */
  file: string;
  /** Path relative to the workspace root, `/`-separated (used in messages and fingerprints). */
  relPath: string;
  /** Excluded by git's ignore rules (by its own pattern or an excluded parent directory). */
  ignored: boolean;
  /** In git's index (committed or staged). False when unknown; see `trackedError`. */
  tracked: boolean;
  /** The last pattern that decided: the excluding one, or the `!` negation that re-included it. */
  matchedBy?: IgnoreMatch;
  /** Top of the work tree holding the file; absent outside any git repository. */
  repoRoot?: string;
  /** The .gitignore that should list the file (existing or to be created). */
  gitignoreToEdit: string;
  /** Whether `gitignoreToEdit` exists now. */
  gitignoreExists?: boolean;
  /** Workspace root that `relPath` is relative to. */
  root?: string;
  /** Why `tracked` could not be determined (unreadable or unsupported index); tracked is then false. */
  trackedError?: string;
  /** Why git was not used although allowed (the in-process answer stands in); for the log. */
  gitError?: string;
  method: 'git' | 'in-process';
}
