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

  it('reads the real 2026.9.6 build id, about 170 characters long', () => {
    const buildId = '2026.9.6-release-eb377ac59e6c-2026-09-23T16-33-12.144Z-314f5d487e3c5ae6aed7f2edbb68f93f274b3d7ca0e9fdca8f6e8f654f92c54c';
    expect(parseRelease(buildId)).toEqual({ year: 2026, month: 9, day: 6 });
  });

  it('reads only the start of a long text, quickly', () => {
    const start = performance.now();
    expect(parseRelease(`2026.9.6-${'x'.repeat(1_000_000)}`)).toEqual({ year: 2026, month: 9, day: 6 });
    expect(parseRelease(`x${'2026.9.6'.repeat(100_000)}`)).toBeNull();
    expect(parseRelease(`${' '.repeat(1_000_000)}`)).toBeNull();
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
