// The .gitignore quick fix's text planning lives in the shared core (shared/gitignoreText), read by
// the client too; re-exported here for the fix planners.
export { planGitignoreEnsure, gitignoreIgnores, type GitignorePlan } from '../../../shared/gitignoreText';
