export { walkFiles, type WalkEntry, type WalkOptions } from './walk';
export { readTextFile, readTextFileSync, decode, type ReadResult, type SkipReason } from './read';
export { yieldTurn } from './yieldTurn';
export { compileExcludes, isExcluded, type ExcludeMatcher } from './exclude';
export { hasBinaryExtension, BINARY_EXTENSIONS } from './binaryExt';
