// Developer tool, not a test: runs every key format over a corpus (default: node_modules) and lists
// what matched, so each pattern can be reviewed for false alarms on real code.
//   npx tsx test/unit/formats/corpus-scan.ts [dir] [--show] [--raw] [--only=id,id] [--ext=py,go,rb]
// Values are masked (prefix + length) unless --show is given.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KEY_FORMATS, formatRegExp, keywordHit, matchFormat } from '../../../server/src/engine/formats';

const args = process.argv.slice(2);
const root = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(__dirname, '../../../node_modules'));
const show = args.includes('--show');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const formats = only ? KEY_FORMATS.filter((f) => only.includes(f.id)) : KEY_FORMATS;
const extArg = args.find((a) => a.startsWith('--ext='))?.slice(6);
const EXT = extArg ? new RegExp(`\\.(?:${extArg.split(',').join('|')})$`) : /\.(?:[cm]?js|ts|json|md)$/;
const WINDOW = 4096;

function* walk(dir: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && EXT.test(e.name)) yield p;
  }
}

/** A long line in overlapping windows so a key on a window edge is still seen whole. */
function* windows(line: string): Generator<[string, number]> {
  if (line.length <= WINDOW) {
    yield [line, 0];
    return;
  }
  for (let start = 0; start < line.length; start += WINDOW - 2048) yield [line.slice(start, start + WINDOW), start];
}

const counts = new Map<string, number>(formats.map((f) => [f.id, 0]));
// Regex hits before entropy/placeholder/validate: shows what the validators remove.
const raw = new Map<string, number>(formats.map((f) => [f.id, 0]));
const samples: string[] = [];
let files = 0;
let bytes = 0;
const t0 = Date.now();
for (const file of walk(root)) {
  const stat = fs.statSync(file);
  if (stat.size > 20 * 1024 * 1024) continue;
  const text = fs.readFileSync(file, 'utf8');
  files++;
  bytes += text.length;
  const lower = text.toLowerCase();
  const active = formats.filter((f) => keywordHit(f, lower));
  if (!active.length) continue;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const lowerLine = line.toLowerCase();
    for (const f of active) {
      if (!keywordHit(f, lowerLine)) continue;
      const seen = new Set<number>();
      for (const [win, base] of windows(line)) {
        const re = formatRegExp(f);
        re.lastIndex = 0;
        for (let r = re.exec(win); r; r = re.exec(win)) {
          raw.set(f.id, (raw.get(f.id) ?? 0) + 1);
          if (args.includes('--raw')) samples.push(`RAW ${f.id}\t${path.relative(root, file)}:${i + 1}\t${show ? r[0] : r[0].slice(0, 10)}`);
        }
        for (const m of matchFormat(f, win)) {
          const at = base + m.offset;
          if (seen.has(at)) continue;
          seen.add(at);
          counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
          const value = show ? m.secret : `${m.secret.slice(0, 10)}…(${m.secret.length})`;
          const ctx = line.slice(Math.max(0, at - 60), at).replace(/\s+/g, ' ');
          samples.push(`${f.id}\t${path.relative(root, file)}:${i + 1}\t…${ctx}[${value}]`);
        }
      }
    }
  });
}
console.log(samples.join('\n'));
console.log(`\n${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${Date.now() - t0} ms`);
for (const [id, n] of [...counts].sort((a, b) => b[1] - a[1])) if (n || raw.get(id)) console.log(`${n}\t(raw ${raw.get(id)})\t${id}`);
console.log(`formats with 0 matches: ${[...counts].filter(([, n]) => !n).length}/${formats.length}`);
