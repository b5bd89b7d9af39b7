/** Median and spread of repeated measurements. */
export interface Summary {
  /** How many values were measured. */
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The value at quantile `q` (0…1) of `values`, by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** The median (middle value, or the mean of the two middle values) of `values`. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median, minimum and maximum of `values`. */
export function summarize(values: readonly number[]): Summary {
  return { runs: values.length, median: median(values), min: Math.min(...values), max: Math.max(...values) };
}
