// Public surface of the scanning engine (pure: no fs, no LSP, no VS Code).
export { scan, scanLines, fileContextKey, CONTEXT_RADIUS, DEFAULT_MAX_LINE_LENGTH, type LineScanResult } from './scan';
export { parseBaseline, serializeBaseline, mergeBaseline, applyBaseline, baselineHas, BaselineError, type Baseline, type BaselineEntry, type BaselineFile, type NewBaselineEntry } from './baseline';
export { isExcluded } from './exclude';
export { maskSecret } from './mask';
export { detectLanguage, isSecretHome, type LanguageFamily } from './language';
export { secretFingerprint, paramFingerprint, keyedFingerprint, slowFingerprint, newFingerprintSalt } from './fingerprint';
export * from './types';
