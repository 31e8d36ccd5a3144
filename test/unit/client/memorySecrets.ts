// VS Code's SecretStorage contract in memory (get/store/delete/onDidChange), for Node tests of
// the modules that sit on top of it. It stands in for VS Code, not for any keyward code.
import type { Disposable, Event, SecretStorage, SecretStorageChangeEvent } from 'vscode';

export class MemorySecretStorage implements SecretStorage {
  readonly values = new Map<string, string>();
  private listeners = new Set<(e: SecretStorageChangeEvent) => unknown>();

  readonly onDidChange: Event<SecretStorageChangeEvent> = (listener, thisArg?: unknown): Disposable => {
    const l = (e: SecretStorageChangeEvent) => listener.call(thisArg, e);
    this.listeners.add(l);
    return { dispose: () => void this.listeners.delete(l) };
  };

  private fire(key: string): void {
    for (const l of this.listeners) l({ key });
  }

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.fire(key);
  }

  async delete(key: string): Promise<void> {
    if (this.values.delete(key)) this.fire(key);
  }

  async keys(): Promise<string[]> {
    return [...this.values.keys()];
  }
}
