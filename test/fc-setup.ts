// Property tests explore new random cases on every local run; CI replays a fixed seed so a run is
// reproducible and a landing is never decided by luck. Set FC_SEED to replay a reported failure.
import fc from 'fast-check';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI === 'true' ? 20261123 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
