// Plans the quick fixes hand to the language server. Pure data: the LSP layer turns them into one
// WorkspaceEdit, so nothing here touches files or imports LSP code.
import type { Range } from '../engine/types';

export type { Range };

/** Same shape as an LSP TextEdit: 0-based range in UTF-16 units, replaced by newText. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** Where the moved value should live. CI pipelines read their own secret stores, not a local .env. */
export type EnvDestination = 'env-file' | 'github-secrets' | 'gitlab-variables';

export interface MovePlan {
  /** Edits to the source file only (literal replacement, plus an import when the lookup needs one). */
  edits: TextEdit[];
  /** The secret exactly as written in the source, for the .env entry. Never log it. */
  value: string;
  /** Env var the code now reads (may differ from the requested name, e.g. Terraform's TF_VAR_ prefix). */
  name: string;
  destination: EnvDestination;
  /** A short remark the LSP may show next to the action (never contains the secret). */
  note?: string;
}

/** Why a fix is not offered; the LSP can show it as an explanation action. */
export interface Unsupported {
  unsupported: string;
  link?: string;
}

export function isUnsupported<T extends object>(x: T | Unsupported): x is Unsupported {
  return typeof (x as Unsupported).unsupported === 'string';
}
