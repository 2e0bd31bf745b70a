// Per-keypoint quality and movement of each individual over the window, as the API computed them.
import type { KeypointSummary } from '../api/types.js';
import { formatNumber, formatPercent } from '../format.js';

/** The metrics tables, one per shown individual; `metrics` is in the order of `individuals` (all of the file's). */
export function MetricsPanel({
  individuals,
  metrics,
  shown,
  unit,
}: {
  individuals: string[];
  metrics: KeypointSummary[][];
  shown: (individual: string, keypoint: string) => boolean;
  unit: string;
}) {
  return (
    <section className="card" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Metrics of the window</h2>
      {individuals.map((individual, i) => {
        const rows = (metrics[i] ?? []).filter((m) => shown(individual, m.keypoint));
        return rows.length === 0 ? null : (
          <table key={individual} className="metrics">
            <caption>{individual}</caption>
            <thead>
              <tr>
                <th scope="col">Keypoint</th>
                <th scope="col">Missing</th>
                <th scope="col">Low confidence</th>
                <th scope="col">Distance ({unit})</th>
                <th scope="col">Mean speed ({unit}/s)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.keypoint}>
                  <th scope="row">{m.keypoint}</th>
                  <td>{formatPercent(m.missing)}</td>
                  <td>{formatPercent(m.lowConfidence)}</td>
                  <td>{formatNumber(m.distance, 1)}</td>
                  <td>{formatNumber(m.meanSpeed, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </section>
  );
}
