// Public surface of the scanning engine (pure: no fs, no LSP, no VS Code).
export { scan, scanLines, fileContextKey, CONTEXT_RADIUS, DEFAULT_MAX_LINE_LENGTH, type LineScanResult } from './scan';
export { parseBaseline, serializeBaseline, applyBaseline, BaselineError, type BaselineEntry, type BaselineFile } from './baseline';
export { isExcluded } from './exclude';
export { maskSecret } from './mask';
export { secretFingerprint, paramFingerprint } from './fingerprint';
export * from './types';
