// Decimation that keeps extremes, so a 200-column chart of a million frames still shows every spike: the series is
// cut into equal buckets and each bucket keeps the samples holding its minimum and maximum (the min/max half of M4,
// Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation", VLDB 2014). A bucket with missing
// samples (NaN) also keeps its first NaN, so a plot still breaks its line where the data breaks.
import { InvalidInputError } from '../errors.js';

/** Indices of `values` (ascending) to keep so that at most `points` remain, extremes and gaps kept per bucket. */
export function decimateMinMax(values: ArrayLike<number>, points: number): number[] {
  return decimateChannels([values], points);
}

/**
 * Indices (ascending) to keep of samples that share an axis (x and y of one keypoint): per bucket, each channel's
 * minimum and maximum and the first sample where any channel is NaN. At most `points` indices; all of them when the
 * series is not longer than `points`.
 */
export function decimateChannels(channels: readonly ArrayLike<number>[], points: number): number[] {
  const length = channels[0]?.length ?? 0;
  if (channels.some((c) => c.length !== length)) {
    throw new InvalidInputError('Channels decimated together must have the same length.');
  }
  if (!Number.isInteger(points) || points < 1) {
    throw new InvalidInputError(
      `Points per series must be a whole number of at least 1, not ${points}.`,
      String(points),
    );
  }
  if (length <= points) return Array.from({ length }, (_, i) => i);
  // Each bucket keeps at most two samples per channel and one gap marker.
  const perBucket = 2 * channels.length + 1;
  if (points < perBucket) {
    throw new InvalidInputError(
      `Keeping extremes of ${channels.length} channel(s) needs at least ${perBucket} points per series, not ${points}.`,
      String(points),
    );
  }
  const buckets = Math.floor(points / perBucket);
  const kept: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor((b * length) / buckets);
    const hi = Math.floor(((b + 1) * length) / buckets);
    kept.push(...bucketIndices(channels, lo, hi));
  }
  return kept;
}

// The indices one bucket [lo, hi) keeps, ascending and without repeats.
function bucketIndices(channels: readonly ArrayLike<number>[], lo: number, hi: number): number[] {
  const picked = new Set<number>();
  let firstGap = -1;
  for (const channel of channels) {
    let minAt = -1;
    let maxAt = -1;
    for (let i = lo; i < hi; i++) {
      const v = channel[i] as number;
      if (Number.isNaN(v)) {
        if (firstGap < 0 || i < firstGap) firstGap = i;
        continue;
      }
      if (minAt < 0 || v < (channel[minAt] as number)) minAt = i;
      if (maxAt < 0 || v > (channel[maxAt] as number)) maxAt = i;
    }
    if (minAt >= 0) picked.add(minAt);
    if (maxAt >= 0) picked.add(maxAt);
  }
  if (firstGap >= 0) picked.add(firstGap);
  return [...picked].sort((a, b) => a - b);
}
