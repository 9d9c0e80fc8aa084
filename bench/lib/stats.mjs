/** Small statistics over samples; every function ignores non-finite values (a run that timed out). */

const finite = (values) => values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);

/** The nearest-rank percentile `p` (0–100) of `values`, in their unit; NaN when there are none. */
export function percentile(values, p) {
  const sorted = finite(values);
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The median of `values` (the mean of the two middle ones for an even count), in their unit. */
export function median(values) {
  const sorted = finite(values);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The distribution-free 95 % confidence interval of the median of `values`, `[low, high]` in
 * their unit: the order statistics at ranks n/2 ∓ 1.96·√n/2 (the normal approximation to the
 * binomial; fine from about 10 samples). It says whether a median just over or under a target is
 * told apart from it by this many runs. `[NaN, NaN]` when there are none.
 */
export function medianInterval(values) {
  const sorted = finite(values);
  const n = sorted.length;
  if (!n) return [NaN, NaN];
  const half = 0.98 * Math.sqrt(n);
  const low = Math.max(1, Math.floor(n / 2 - half));
  const high = Math.min(n, Math.ceil(n / 2 + 1 + half));
  return [sorted[low - 1], sorted[high - 1]];
}

/** Rounds for the report and results.json: enough digits to compare runs, no more. */
export const round = (value, digits = 2) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
