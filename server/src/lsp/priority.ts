// Interactive work (code actions, open-document scans) goes first: the workspace scan waits at
// its next file boundary while any of it is in flight, so its file reads never queue in front of
// a quick fix's reads.
export class PriorityGate {
  private active = 0;
  private waiters: (() => void)[] = [];

  /** Runs interactive work; the background scan holds still until it settles. */
  async run<T>(work: () => Promise<T> | T): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      if (--this.active === 0) {
        const w = this.waiters;
        this.waiters = [];
        w.forEach((f) => f());
      }
    }
  }

  /** Resolves at once when nothing interactive is running, else when it is done. */
  idle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
