import { describe, expect, it } from 'vitest';
import { compareRelease, formatRelease, isAtLeast, parseRelease } from './release';

describe('parseRelease', () => {
  it.each([
    ['2026.9.6', '2026.9.6'],
    ['2026.9.6-release-1a2b3c', '2026.9.6'],
    ['v2026.4.24', '2026.4.24'],
    [' 2026.12.31 ', '2026.12.31'],
    ['2026.1.30-beta.1', '2026.1.30'],
  ])('%j → %s', (text, release) => expect(formatRelease(parseRelease(text)!)).toBe(release));

  it.each(['', 'dev', '2026.9', '2026.9.61', '2026.13.1', '2026.0.5', '2026.9.0', '2026.9.32', '12026.9.6', 'x2026.9.6', null, undefined])(
    'reads no release in %j',
    (text) => expect(parseRelease(text)).toBeNull(),
  );

  it('never throws on a value from a page that is not a string', () => {
    for (const bad of [42, {}, [], true]) expect(parseRelease(bad as unknown as string)).toBeNull();
  });

  it('reads no release in a text longer than any version or build id, and quickly', () => {
    const text = `2026.9.6-${'x'.repeat(1_000_000)}`;
    const start = performance.now();
    expect(parseRelease(text)).toBeNull();
    expect(parseRelease(`${' '.repeat(1_000_000)}2026.9.6`)).toBeNull();
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe('compareRelease and isAtLeast', () => {
  it('orders by year, month, day', () => {
    expect(compareRelease(parseRelease('2026.2.22')!, parseRelease('2026.10.1')!)).toBeLessThan(0);
    expect(compareRelease(parseRelease('2026.9.6')!, parseRelease('2026.9.6')!)).toBe(0);
  });

  it('answers `unknown` for an unknown release or floor', () => {
    expect(isAtLeast(null, '2026.3.7', true)).toBe(true);
    expect(isAtLeast(parseRelease('2026.3.8'), 'not a version', false)).toBe(false);
    expect(isAtLeast(parseRelease('2026.3.8'), '2026.3.7', false)).toBe(true);
    expect(isAtLeast(parseRelease('2026.3.6'), '2026.3.7', true)).toBe(false);
  });
});
