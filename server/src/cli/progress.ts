// One self-updating status line on stderr while scanning, only when stderr is a terminal
// (CI logs and pipes get nothing). Redrawn at most ~10 times a second and erased at the end.
import { formatBytes } from './format/text';

const REDRAW_MS = 100;

export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

export class Progress {
  private files = 0;
  private bytes = 0;
  private lastDraw = 0;
  private drawn = false;
  private readonly started = Date.now();

  constructor(private readonly sink: ProgressSink, private readonly enabled = !!sink.isTTY) {}

  add(files: number, bytes: number): void {
    this.files += files;
    this.bytes += bytes;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const secs = Math.max((now - this.started) / 1000, 0.001);
    let line = `keyward: ${this.files} files, ${formatBytes(this.bytes)}, ${Math.round(this.files / secs)} files/s`;
    const width = (this.sink.columns || 80) - 1;
    if (line.length > width) line = line.slice(0, width);
    this.sink.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  /** Erase the line so the report starts on a clean one. */
  end(): void {
    if (this.drawn) this.sink.write('\r\x1b[K');
    this.drawn = false;
  }
}
