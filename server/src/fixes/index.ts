// Public surface of the quick-fix planners. Everything here is pure: text in, edits out.
export type { TextEdit, MovePlan, Unsupported, EnvDestination } from './types';
export { isUnsupported } from './types';
export { envLookup, UNSUPPORTED_REASON, type EnvLookup, type EnvLookupInput } from './envLookup';
export { planMoveToEnv, type MoveInput } from './moveToEnv';
// The .env text module lives in the shared core (the client's Insert into .env and rotation use the same one).
export { planEnvEntries, planEnvExampleEntry, parseEnv, formatEnvValue, type EnvEntriesPlan } from '../../../shared/envText';
export { planGitignoreEnsure, gitignoreIgnores, type GitignorePlan } from '../../../shared/gitignoreText';
export { envNameFor, toUpperSnake } from './envName';
export { applyEdits } from './text';
export { planIgnoreLine } from './ignoreComment';
export { planQueryToHeader, type QueryHeaderInput, type QueryHeaderPlan } from './queryToHeader';
export { planFixAll, type FixAllPlan } from './fixAll';
