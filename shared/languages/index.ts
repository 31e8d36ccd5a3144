// The language table and its lookups: what a file is, how it quotes, comments and reads env vars.
export { LANGUAGES, UNKNOWN_REASON, type Family, type LanguageEntry, type CommentSyntax, type NameTest } from './table';
export { classifyFile, languageOf, isTypeScript, envLookupTemplate } from './classify';
export { isEnvFileName, isEnvTemplateName, TEMPLATE_WORDS, NOT_DOTENV_EXTENSIONS } from './envNames';
