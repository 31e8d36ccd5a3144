// Shapes shared by the move planner and the per-language rewrites: a leaf module, so the rewrites
// never import the planner that reads them.
import type { Finding } from '../../engine/types';
import type { Family } from '../../../../shared/languages';
import type { EnvLookup } from '../envLookup';
import type { Literal } from '../literal';
import type { TextEdit, Unsupported } from '../types';

export interface MoveInput {
  text: string;
  languageId: string;
  filePath: string;
  finding: Finding;
  /** Env var name to read (see envNameFor). */
  name: string;
}

export interface Rewrite {
  start: number;
  end: number;
  newText: string;
  extra?: TextEdit[];
  note?: string;
  /** The variable name is fixed by the file (an env example line names it). */
  name?: string;
}

export interface Ctx {
  text: string;
  family: Family;
  lit?: Literal;
  /** The secret's bounds. */
  s: number;
  e: number;
  lookup: EnvLookup;
  input: MoveInput;
}

/** One language's rewrite of the literal around a secret. */
export type Rewriter = (c: Ctx) => Rewrite | Unsupported;
