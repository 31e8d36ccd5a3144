// Loaded with `node -r` in front of a process the bench measures: on exit, writes the process's
// peak resident set size (bytes) to the file named by KEYWARD_BENCH_RSS_FILE.
const { writeFileSync } = require('node:fs');
const out = process.env.KEYWARD_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in kilobytes.
    writeFileSync(out, String(process.resourceUsage().maxRSS * 1024));
  });
}
