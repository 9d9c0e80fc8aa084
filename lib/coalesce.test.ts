import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('coalesce', () => {
  it('no coalescing: 200 quick toggles make one report per quiet period', () => {
    const run = vi.fn();
    const report = coalesce(run, 250, 1_000);
    for (let i = 0; i < 200; i++) {
      report();
      vi.advanceTimersByTime(2);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(250);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('still reports while changes never stop', () => {
    const run = vi.fn();
    const report = coalesce(run, 250, 1_000);
    for (let i = 0; i < 300; i++) {
      report();
      vi.advanceTimersByTime(10);
    }
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('can be cancelled', () => {
    const run = vi.fn();
    const report = coalesce(run, 250, 1_000);
    report();
    report.cancel();
    vi.advanceTimersByTime(1_000);
    expect(run).not.toHaveBeenCalled();
  });

  it('urgent news goes out at once after a quiet spell, and a burst of it is coalesced after its first item', () => {
    const run = vi.fn();
    const report = coalesce(run, 250, 1_000);
    report.urgent();
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 200; i++) {
      report.urgent();
      vi.advanceTimersByTime(2);
    }
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(250);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('urgent news joins a pending quiet-period call instead of running twice', () => {
    const run = vi.fn();
    const report = coalesce(run, 250, 1_000);
    report();
    report.urgent();
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(250);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
