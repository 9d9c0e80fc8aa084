/**
 * The part of the Web Storage API (`localStorage`, `sessionStorage`) the domain logic uses.
 * Every access is guarded: a page's storage can throw (sandboxed frames, quota, disabled
 * cookies) and hold anything, and the extension must never fail because of it.
 */
export interface ReadableStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
}

export interface WebStorage extends ReadableStorage {
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function keysOf(storage: ReadableStorage): string[] {
  const keys: string[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null) keys.push(key);
    }
  } catch {
    // A storage that throws (sandboxed frame, disabled cookies) has no keys we can use.
  }
  return keys;
}

export function safeGet(storage: Pick<ReadableStorage, 'getItem'>, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

export function parseObject(value: string | null): Record<string, unknown> | null {
  if (value === null) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
