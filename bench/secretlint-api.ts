// Peer run for the throughput bench, in its own process: secretlint's Node API (lintSource with
// the recommended preset) over the files listed in argv[2] (JSON array of paths), texts read
// before the clock starts. secretlint's profiler keeps every performance mark and searches them
// linearly, so its backlog must not spill into the caller's process; this one exits when done.
// Prints one JSON line: { files, bytes, seconds, findings }.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

async function main(): Promise<void> {
  const files = JSON.parse(readFileSync(process.argv[2], 'utf8')) as string[];
  const texts = files.map((f) => ({ f, text: readFileSync(f, 'utf8') }));
  const { lintSource } = (await import('@secretlint/core')) as unknown as { lintSource: (o: unknown) => Promise<{ messages: unknown[] }> };
  const { creator } = (await import('@secretlint/secretlint-rule-preset-recommend')) as unknown as { creator: unknown };
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
  const lint = (f: string, content: string) =>
    lintSource({ source: { filePath: f, content, ext: path.extname(f), contentType: 'text' }, options: { config, maskSecrets: true } });
  for (const { f, text } of texts.slice(0, 50)) await lint(f, text); // warm-up
  let findings = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (const { f, text } of texts) {
    findings += (await lint(f, text)).messages.length;
    bytes += Buffer.byteLength(text);
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${JSON.stringify({ files: files.length, bytes, seconds, findings })}\n`);
  process.exit(0);
}

void main();
