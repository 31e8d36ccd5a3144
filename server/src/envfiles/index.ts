// .env files and git: discovery, ignore/tracked status (git or in-process), findings and fixes.
// Not part of the pure engine: this module reads the file system and runs git.
export type { EnvFileStatus, IgnoreMatch } from './types';
export { findEnvFiles, type FindEnvFilesOptions } from './discover';
export { evaluateEnvFiles, type EvaluateOptions } from './evaluate';
export { envFindings, envFindingsForGitignore, envFingerprint, type EnvFindingOptions } from './findings';
export { gitignoreEntryFor, appendGitignoreEntry } from './gitignoreEdit';
export { gitRmCached, GitError } from './gitCli';
export { IndexFormatError } from './gitIndex';
