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

/** Longer values are not what the Control UI writes for the keys we read (settings, identity, device auth). */
export const MAX_PARSED_CHARS = 64 * 1024;
/** The Control UI's values nest 4 levels deep at most; deeper ones are a page's, not the app's. */
const MAX_JSON_DEPTH = 32;

/**
 * A stored value as a JSON object, or null when it is absent, not an object, longer than
 * `maxChars`, or nested deeper than the app ever writes. Linear in the value's length and
 * never throws, whatever a page stored (`JSON.stringify` of a 20,000-deep value would).
 */
export function parseObject(value: string | null, maxChars = MAX_PARSED_CHARS): Record<string, unknown> | null {
  if (typeof value !== 'string' || value.length > maxChars || jsonDepth(value) > MAX_JSON_DEPTH) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The deepest nesting of `{`/`[` outside strings, in one pass; stops counting past the limit. */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest && (deepest = depth) > MAX_JSON_DEPTH) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
