// The pose chart's data: one first view of the file (keypoints, metrics, the default window decimated), then, for
// every zoom, pan or keypoint change, a refined decimated window from core for just what is drawn. The previous
// answer stays on screen while the next one is read, so zooming never blanks the chart.
import type { ExplorerFile, PoseRequest, PoseView } from '@ember-archive/core';
import { chartedKeypoints } from '../chart/pose-traces.js';
import type { FrameWindow } from '../chart/time-window.js';
import { useAsync, type AsyncState } from './use-async.js';

/** What the chart needs of an open file. */
export type PoseFile = Pick<ExplorerFile, 'uri' | 'pose'>;

/** What the chart draws now, and what is known of the whole file. */
export interface PoseChartData {
  /** The first view: keypoints, individuals, containers, metrics of its window. */
  base: AsyncState<PoseView>;
  /** The series to draw: the refined window once it is read, the first view until then. */
  shown: PoseView | undefined;
  /** A refined window is being read. */
  refining: boolean;
  /** The refined read failed (the first view is still shown). */
  refineError: string | null;
}

/** What to draw: which window, keypoints and individual, at how many points per series. */
export interface PoseChartQuery {
  container: string | undefined;
  /** The frames drawn; undefined: the first view's window. */
  window: FrameWindow | undefined;
  /** Index of the picker's keypoint in the file's keypoints. */
  keypoint: number;
  /** Keypoints overlaid, by name. */
  overlay: readonly string[];
  /** Index into the file's individuals. */
  individual: number;
  /** Points per series (twice the chart's width: two dots per cell). */
  points: number;
}

/** The requests the chart makes: the first view, and the refined window (undefined when the first one covers it). */
export function chartRequests(
  query: PoseChartQuery,
  base: PoseView | undefined,
): { first: PoseRequest; refined: PoseRequest | undefined } {
  const container = query.container !== undefined ? { container: query.container } : {};
  const first: PoseRequest = { ...container, points: query.points };
  if (!base || !query.window) return { first, refined: undefined };
  const sameWindow = query.window.start === base.start && query.window.end === base.end;
  const keypoints = chartedKeypoints(base, query.keypoint, query.overlay);
  const individual = base.individuals[query.individual];
  if (sameWindow || keypoints.length === 0) return { first, refined: undefined };
  return {
    first,
    refined: {
      ...container,
      keypoints,
      ...(individual !== undefined ? { individuals: [individual] } : {}),
      start: query.window.start,
      end: query.window.end,
      points: query.points,
    },
  };
}

/** Read the first view of `file`, then a refined window per query; `attempt` retries after an error. */
export function usePoseChart(file: PoseFile, query: PoseChartQuery, attempt: number): PoseChartData {
  const requests = (baseView: PoseView | undefined) => chartRequests(query, baseView);
  const firstRequest = requests(undefined).first;
  // The first view's point count follows the width it was asked at; a resize alone does not re-read it.
  const base = useAsync(`${file.uri}|${query.container ?? ''}`, () => file.pose(firstRequest), 0, attempt);
  const refined = requests(base.value).refined;
  // A short quiet period: holding + or → asks once, for where the keys stopped.
  const refinedState = useAsync(
    refined ? JSON.stringify([file.uri, refined]) : undefined,
    () => file.pose(refined ?? {}),
    60,
    attempt,
  );
  // While a refined window loads, the previous answer (or the first view) stays drawn.
  const shown = refined ? (refinedState.value ?? base.value) : base.value;
  return { base, shown, refining: refinedState.loading, refineError: refinedState.error };
}
