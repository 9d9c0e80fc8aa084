import type { WebStorage } from './web-storage';

/** A Map-backed Storage for tests: insertion-ordered like browsers, optionally failing writes. */
export class MemoryStorage implements WebStorage {
  private readonly items = new Map<string, string>();
  failWrites = false;

  constructor(initial: Record<string, string> = {}) {
    for (const [key, value] of Object.entries(initial)) this.items.set(key, value);
  }
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    if (this.failWrites) throw new DOMException('denied', 'SecurityError');
    this.items.delete(key);
  }
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.items);
  }
}
