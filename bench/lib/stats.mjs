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

/** Rounds for the report and results.json: enough digits to compare runs, no more. */
export const round = (value, digits = 2) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
