// Per-document debounce: the last edit wins. A newer schedule clears the pending timer and aborts
// the run still in flight for the same key, so a slow scan of an old version never publishes.

export type ScheduledTask = (signal: AbortSignal) => Promise<void> | void;

interface Slot {
  timer?: NodeJS.Timeout;
  controller: AbortController;
}

export class Scheduler {
  private slots = new Map<string, Slot>();

  schedule(key: string, delayMs: number, task: ScheduledTask): void {
    this.cancel(key);
    const slot: Slot = { controller: new AbortController() };
    this.slots.set(key, slot);
    const run = (): void => {
      slot.timer = undefined;
      Promise.resolve()
        .then(() => task(slot.controller.signal))
        .catch(() => undefined) // the task reports its own errors; a rejection must not kill the server
        .finally(() => {
          if (this.slots.get(key) === slot) this.slots.delete(key);
        });
    };
    // A zero delay still goes through a macrotask so a burst of didChange messages already
    // queued on the connection collapses into one scan.
    slot.timer = setTimeout(run, Math.max(0, delayMs));
  }

  cancel(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.controller.abort();
    this.slots.delete(key);
  }

  cancelAll(): void {
    for (const key of [...this.slots.keys()]) this.cancel(key);
  }

  pending(key: string): boolean {
    return this.slots.has(key);
  }
}
