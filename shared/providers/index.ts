export * from './types';
export * from './builtin';
export { mergeProviders, customProviderFromSetting } from './custom';
