// Shapes shared by the loader planners: the texts the LSP gathers in, the edits per file out.
import type { Family } from '../../../../shared/languages';
import type { TextEdit } from '../types';

/** What the planners see of the project: texts only, gathered by the LSP layer (no fs here). */
export interface LoaderContext {
  /** Manifest/config texts by '/'-separated path relative to the workspace folder; missing files are absent. */
  files: Readonly<Record<string, string>>;
  /** The file being fixed, as it is before the fix. */
  source: { text: string; path: string; family: Family; languageId: string };
}

/** Edits to one file of the folder; `create` when the file does not exist yet. */
export interface FileEdit {
  path: string;
  edits: TextEdit[];
  create?: boolean;
}

/** The loader an action adds, as edits to the source file and to manifests/launch configs. */
export interface LoaderPlan {
  /** Short name for titles: "dotenv", "node --env-file", "python-dotenv", "godotenv". */
  label: string;
  /** Edits to the file being fixed (computed against its text before the fix, never overlapping the move). */
  sourceEdits: TextEdit[];
  /** Edits to other files of the folder (package.json, requirements.txt, go.mod, launch.json). */
  files: FileEdit[];
  /** The install the user must run; a quick fix never runs a package manager. */
  install?: string;
}
