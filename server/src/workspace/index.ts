export { walkFiles, type WalkEntry, type WalkOptions } from './walk';
export { readTextFile, decode, type ReadResult, type SkipReason } from './read';
export { compileExcludes, type ExcludeMatcher } from './exclude';
export { hasBinaryExtension, BINARY_EXTENSIONS } from './binaryExt';
export { mapOrdered } from './pipeline';
