export * from './types';
export * from './builtin';
export { mergeProviders, mergeProviderEntries, customProviderFromSetting } from './custom';
