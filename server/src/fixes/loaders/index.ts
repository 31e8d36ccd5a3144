// Public surface of the loader planners: which loaders a project shows, and the edits that add one.
export type { LoaderContext, LoaderPlan, FileEdit } from './types';
export { LOADER_ECOSYSTEMS, COMPOSE_FILES, LAUNCH_JSON, PYTHON_MANIFESTS, DEBUG_TYPES, type LoaderEcosystem } from './ecosystems';
export { detectLoaders, loaderNote, programLoadsEnv, type DetectedLoader } from './detect';
export { adviseLoader, loaderTitle, type LoaderAdvice } from './plan';
export { planNodeLoaders, DOTENV_RANGE } from './node';
export { planPythonLoader } from './python';
export { planGoLoader, GODOTENV, GODOTENV_VERSION } from './go';
export { planShellLoader } from './shell';
export { planLaunchEnvFile, ENV_FILE_SETTING } from './launchJson';
export { manifestsToRead } from './wanted';
