// Provider attribution of a candidate from the text around it: its line (a window of it when the
// line is long) and ATTRIBUTION_RADIUS lines either side, plus the SDKs the file imports. Cached per
// window, so the many candidates of a minified line cost one attribution.
import { attribute, importedProviders, type CompiledProvider } from '../attribution';
import type { Candidate } from '../candidate';
import type { EngineConfig } from '../config';
import type { LineIndex } from '../lines';

export const ATTRIBUTION_RADIUS = 3;
const SNIPPET = 1000;

export type Attribution = ReturnType<typeof attribute>;

export class WindowAttribution {
  private imported: CompiledProvider[] | undefined;
  private readonly cache = new Map<string, Attribution>();

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly cfg: EngineConfig,
  ) {}

  /** The provider the candidate's surroundings (and, when given, the name it was assigned to) point to. */
  of(c: Candidate, name?: string): Attribution {
    const key = `${this.snippetBounds(c)[0]}\0${name ?? ''}`;
    if (this.cache.has(key)) return this.cache.get(key);
    this.imported ??= importedProviders(this.text, this.cfg.providers);
    const a = attribute({ name, line: this.lineSnippet(c), window: this.windowText(c), imported: this.imported }, this.cfg.providers);
    this.cache.set(key, a);
    return a;
  }

  /** The candidate's line, cut to a window when the line is long. */
  lineSnippet(c: Candidate): string {
    const [a, b] = this.snippetBounds(c);
    return this.text.slice(a, b);
  }

  /** Window aligned to SNIPPET buckets, so that candidates near each other share it (and its cached attribution). */
  private snippetBounds(c: Candidate): [number, number] {
    const lines = this.lines;
    const l = lines.lineOf(c.start);
    const bucket = Math.floor(c.start / SNIPPET) * SNIPPET;
    return [Math.max(lines.starts[l], bucket - SNIPPET), Math.min(lines.lineEnd(l), bucket + 2 * SNIPPET)];
  }

  private windowText(c: Candidate): string {
    const { lines, text } = this;
    const l = lines.lineOf(c.start);
    const parts: string[] = [];
    for (let k = Math.max(0, l - ATTRIBUTION_RADIUS); k <= Math.min(lines.lineCount - 1, l + ATTRIBUTION_RADIUS); k++) {
      if (k === l) parts.push(this.lineSnippet(c));
      else parts.push(text.slice(lines.starts[k], Math.min(lines.lineEnd(k), lines.starts[k] + 2 * SNIPPET)));
    }
    return parts.join('\n');
  }
}
