// PEM hits: a `-----BEGIN … PRIVATE KEY-----` marker that opens a real block becomes a candidate,
// with the string literal around it when the block is quoted whole (`"-----BEGIN…\n"`).
import type { PemBlock } from '../rules/pem';
import type { HitLine } from './hitLine';

export function readPemHit(line: HitLine, block: PemBlock, off: number): void {
  const text = line.text;
  const q = off > 0 ? text[off - 1] : '';
  let literalStart: number | undefined;
  let literalEnd: number | undefined;
  if (q && '"\'`'.includes(q)) {
    const after = text.startsWith('\\n', block.end) ? block.end + 2 : block.end;
    if (text[after] === q) {
      literalStart = off - 1;
      literalEnd = after + 1;
    }
  }
  line.out.push({
    rule: 'hardcoded-key',
    start: block.start,
    end: block.end,
    secret: text.slice(block.start, block.end),
    kind: 'private-key',
    quote: literalStart !== undefined ? q : undefined,
    literalStart,
    literalEnd,
    priority: 4,
    pemLabel: block.label,
  });
}
