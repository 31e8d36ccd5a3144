// Ordered, bounded concurrency over an async stream: up to `concurrency` calls of fn in flight,
// results in source order. Keeps the disk busy while the caller works on one item at a time.
export async function* mapOrdered<T, R>(
  source: AsyncIterable<T>,
  fn: (item: T) => Promise<R>,
  concurrency: number,
): AsyncGenerator<R> {
  const it = source[Symbol.asyncIterator]();
  const pending: Promise<R>[] = [];
  let done = false;
  try {
    for (;;) {
      while (!done && pending.length < concurrency) {
        const next = await it.next();
        if (next.done) {
          done = true;
          break;
        }
        const p = fn(next.value);
        p.catch(() => undefined); // awaited below in order; avoid an unhandled rejection meanwhile
        pending.push(p);
      }
      const head = pending.shift();
      if (!head) return;
      yield await head;
    }
  } finally {
    if (!done) await it.return?.(undefined);
  }
}
