// A one-line chart of a time series: each character is the mean of one bucket of samples, drawn with eight bar
// heights between the series' own minimum and maximum. Missing samples (null, NaN) are skipped; a bucket with
// none left is drawn as a space, so gaps in tracking show as gaps.

const BARS = '▁▂▃▄▅▆▇█';

/** Samples of a series, where null or NaN mean "missing". */
export type Samples = ArrayLike<number | null>;

/** A sparkline of `values` exactly `width` characters wide (fewer when there are fewer samples). */
export function sparkline(values: Samples, width: number): string {
  const n = values.length;
  const columns = Math.min(Math.max(0, Math.floor(width)), n);
  if (columns === 0) return '';
  const means: (number | null)[] = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * n) / columns);
    const to = Math.floor(((c + 1) * n) / columns);
    let sum = 0;
    let count = 0;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (v === null || v === undefined || Number.isNaN(v)) continue;
      sum += v;
      count += 1;
    }
    means.push(count === 0 ? null : sum / count);
  }
  let min = Infinity;
  let max = -Infinity;
  for (const m of means) {
    if (m === null) continue;
    if (m < min) min = m;
    if (m > max) max = m;
  }
  const span = max - min;
  return means
    .map((m) => {
      if (m === null) return ' ';
      // A flat series sits in the middle rather than pretending to be all minimum.
      const level = span > 0 ? Math.round(((m - min) / span) * (BARS.length - 1)) : 3;
      return BARS[level];
    })
    .join('');
}
