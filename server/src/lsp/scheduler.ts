// Per-document debounce: the last edit wins. A newer schedule clears the pending timer and aborts
// the run still in flight for the same key, so a slow scan of an old version never publishes.

export type ScheduledTask = (signal: AbortSignal) => Promise<void> | void;

interface Slot {
  /** Clears the pending timer or immediate; undefined once the task started. */
  clear?: () => void;
  controller: AbortController;
}

export class Scheduler {
  private slots = new Map<string, Slot>();

  schedule(key: string, delayMs: number, task: ScheduledTask): void {
    this.cancel(key);
    const slot: Slot = { controller: new AbortController() };
    this.slots.set(key, slot);
    const run = (): void => {
      slot.clear = undefined;
      Promise.resolve()
        .then(() => task(slot.controller.signal))
        .catch(() => undefined) // the task reports its own errors; a rejection must not kill the server
        .finally(() => {
          if (this.slots.get(key) === slot) this.slots.delete(key);
        });
    };
    // A zero delay still waits for the messages already read from the connection (setImmediate
    // runs after the current I/O phase), so a burst of didChange collapses into one scan.
    if (delayMs > 0) {
      const t = setTimeout(run, delayMs);
      slot.clear = () => clearTimeout(t);
    } else {
      const i = setImmediate(run);
      slot.clear = () => clearImmediate(i);
    }
  }

  cancel(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    slot.clear?.();
    slot.controller.abort();
    this.slots.delete(key);
  }

}
