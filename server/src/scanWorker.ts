// Worker-thread entry of the one scan pool (bundled as dist/scanWorker.js), for the CLI and the
// language server alike. Wiring only: the table of jobs a worker can run (see workers/pool.ts).
import { FILES_JOB, filesJob } from './cli/scanBatch';
import { WORKSPACE_JOB, workspaceJob } from './lsp/workspaceJob';
import { serveJobs } from './workers/serve';

serveJobs({ [FILES_JOB]: filesJob, [WORKSPACE_JOB]: workspaceJob });
