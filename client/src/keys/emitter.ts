// A minimal event source for the vscode-free modules (vscode.EventEmitter needs the vscode runtime).
export interface Subscription {
  dispose(): void;
}

export class Emitter<T> {
  private listeners = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): Subscription => {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch {
        // One failing listener must not starve the others.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
