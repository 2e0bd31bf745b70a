// Pose: the notebook's plot made into a tool. x and y of each keypoint over time (zoom asks the API for a finer
// decimated window), the trajectory coloured by time with its colour bar, the skeleton at the current frame with a
// scrubber and playback, individual and keypoint toggles, the confidence threshold, the metrics and a CSV export of
// the window. Everything that selects or zooms is in the URL.
import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import { useApi } from '../api/context.js';
import type { PoseSeries, PoseView } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { Empty, ErrorNotice, Loading } from '../components/Status.js';
import { formatCount, formatNumber } from '../format.js';
import { ColourBar } from '../pose/ColourBar.js';
import { POSE_KEYS_HELP, poseCommandOf, type PoseCommand } from '../pose/keys.js';
import { MetricsPanel } from '../pose/MetricsPanel.js';
import { Scrubber } from '../pose/Scrubber.js';
import { SkeletonFrame } from '../pose/SkeletonFrame.js';
import { boundsOf } from '../pose/space.js';
import { TimeSeriesChart } from '../pose/TimeSeriesChart.js';
import {
  framesForTimes,
  keypointColour,
  nearestIndex,
  panWindow,
  resizeWindow,
  timeAtFrame,
  zoomWindow,
} from '../pose/window.js';
import type { FrameWindow } from '../pose/window.js';
import { Trajectory } from '../pose/Trajectory.js';
import type { PoseSearch } from './search.js';

// Points per series asked of the API: about two per horizontal pixel of a wide chart, so min/max decimation keeps
// every visible spike.
const POINTS = 2400;
const WIDTHS_SECONDS = [1, 5, 10, 30, 60, 300, 600];

/** The Pose view; `onSearch` writes the new state to the URL. */
export function PoseScreen({ search, onSearch }: { search: PoseSearch; onSearch: (search: PoseSearch) => void }) {
  const api = useApi();
  const request = {
    ...(search.container === undefined ? {} : { container: search.container }),
    ...(search.start === undefined ? {} : { start: search.start, end: search.end }),
    ...(search.threshold === undefined ? {} : { threshold: search.threshold }),
    points: POINTS,
  };
  const pose = useResource(`${search.id}\n${JSON.stringify(request)}`, (signal) =>
    api.pose(search.id, request, signal),
  );
  if (search.id === '') return <Empty>No file is named in the address: open a pose file from a listing.</Empty>;
  // While a zoom refines, the previous window stays on screen under a loading line.
  const view = pose.status === 'ready' ? pose.data : pose.status === 'loading' ? pose.previous : undefined;
  return (
    <section aria-labelledby="pose-title">
      <Breadcrumbs id={search.id} />
      <h1 id="pose-title">Pose · {search.id.split('/').pop()}</h1>
      {pose.status === 'loading' && <Loading what={view ? 'the new window' : 'pose'} />}
      {pose.status === 'error' && <ErrorNotice error={pose.error} />}
      {view && (
        <PoseTool
          view={view}
          search={search}
          onSearch={onSearch}
          csvUrl={api.poseCsvUrl(search.id, view.start, view.end)}
        />
      )}
    </section>
  );
}

function PoseTool({
  view,
  search,
  onSearch,
  csvUrl,
}: {
  view: PoseView;
  search: PoseSearch;
  onSearch: (search: PoseSearch) => void;
  csvUrl: string;
}) {
  const individuals = search.individuals?.filter((i) => view.individuals.includes(i)) ?? view.individuals;
  const keypoints = search.keypoints?.filter((k) => view.keypoints.includes(k)) ?? view.keypoints;
  const shown = useCallback(
    (individual: string, keypoint: string) => individuals.includes(individual) && keypoints.includes(keypoint),
    [individuals, keypoints],
  );
  const series = useMemo(() => view.series.filter((s) => shown(s.individual, s.keypoint)), [view.series, shown]);
  // The arena frame is fixed by every series of the window, so toggling keypoints does not rescale the drawing.
  const bounds = useMemo(() => boundsOf(view.series), [view.series]);
  const colourOfKeypoint = useCallback((k: string) => keypointColour(view.keypoints.indexOf(k)), [view.keypoints]);
  const colourOfSeries = useCallback((s: PoseSeries) => colourOfKeypoint(s.keypoint), [colourOfKeypoint]);
  // While the slider moves, the charts re-mask locally; the URL (and the API's metrics) follow on release, so a
  // drag is one request, not one per step.
  const [thresholdDraft, setThresholdDraft] = useState<number | undefined>(undefined);
  const threshold = thresholdDraft ?? search.threshold ?? view.threshold;
  const commitThreshold = () => {
    if (thresholdDraft === undefined) return;
    setThresholdDraft(undefined);
    go({ threshold: thresholdDraft });
  };
  const window: FrameWindow = { start: view.start, end: view.end };
  const frame = Math.min(view.end - 1, Math.max(view.start, search.frame ?? view.start));
  const [preview, setPreview] = useState<number | undefined>(undefined);
  const current = preview ?? frame;
  const first = view.series[0];
  const timeOf = (f: number) => timeAtFrame(first, f, view.fps);

  const go = (next: Partial<PoseSearch>) => {
    setPreview(undefined);
    onSearch({ ...search, ...next });
  };
  const setWindow = (w: FrameWindow) =>
    go({ start: w.start, end: w.end, frame: Math.min(w.end - 1, Math.max(w.start, frame)) });
  const toggle = (list: string[], all: string[], item: string) => {
    const next = list.includes(item)
      ? list.filter((x) => x !== item)
      : all.filter((x) => x === item || list.includes(x));
    return next.length === all.length ? undefined : next;
  };
  const onPreview = useCallback((f: number) => setPreview(f), []);

  const commands: Record<PoseCommand, () => void> = {
    previousFrame: () => go({ frame: Math.max(view.start, frame - 1) }),
    nextFrame: () => go({ frame: Math.min(view.end - 1, frame + 1) }),
    panEarlier: () => setWindow(panWindow(window, -0.5, view.frameCount)),
    panLater: () => setWindow(panWindow(window, 0.5, view.frameCount)),
    zoomIn: () => setWindow(zoomWindow(window, 0.5, view.frameCount)),
    zoomOut: () => setWindow(zoomWindow(window, 2, view.frameCount)),
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const command = poseCommandOf(event.key, event.target);
    if (command === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    commands[command]();
  };

  if (view.series.length === 0) return <Empty>This pose file has no keypoint series in this window.</Empty>;

  return (
    <div className="pose" onKeyDown={onKeyDown}>
      <p className="muted">
        {view.container !== undefined && <>{view.container} · </>}
        frames {formatCount(view.start)}–{formatCount(view.end - 1)} of {formatCount(view.frameCount)} ·{' '}
        {formatNumber(view.duration)} s{view.fps !== undefined && <> at {formatNumber(view.fps)} fps</>} · {view.source}
      </p>
      <div className="toolbar" role="group" aria-label="Pose selection">
        {view.containers.length > 1 && (
          <label>
            <span>Camera</span>
            <select
              value={view.container}
              onChange={(e) => go({ container: e.target.value, start: undefined, end: undefined })}
            >
              {view.containers.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>Confidence threshold {formatNumber(threshold)}</span>
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={threshold}
            onChange={(e) => setThresholdDraft(Number(e.target.value))}
            onPointerUp={commitThreshold}
            onKeyUp={commitThreshold}
            onBlur={commitThreshold}
          />
        </label>
        <label>
          <span>Window</span>
          <select
            value=""
            onChange={(e) => {
              const seconds = Number(e.target.value);
              if (e.target.value === 'all') setWindow({ start: 0, end: view.frameCount });
              else setWindow(resizeWindow(window, Math.round(seconds * (view.fps ?? 30)), view.frameCount));
            }}
          >
            <option value="" disabled>
              {formatNumber(view.duration, 1)} s
            </option>
            {WIDTHS_SECONDS.map((s) => (
              <option key={s} value={s}>
                {s} s
              </option>
            ))}
            <option value="all">whole file</option>
          </select>
        </label>
        <button type="button" onClick={commands.panEarlier} aria-label="Pan earlier">
          ◀ earlier
        </button>
        <button type="button" onClick={commands.zoomIn}>
          Zoom in
        </button>
        <button type="button" onClick={commands.zoomOut}>
          Zoom out
        </button>
        <button type="button" onClick={commands.panLater} aria-label="Pan later">
          later ▶
        </button>
        <a className="button" href={csvUrl} download>
          Export CSV of this window
        </a>
      </div>
      <fieldset className="toggles">
        <legend>Individuals</legend>
        {view.individuals.map((i) => (
          <label key={i}>
            <input
              type="checkbox"
              checked={individuals.includes(i)}
              onChange={() => go({ individuals: toggle(individuals, view.individuals, i) })}
            />
            {i}
          </label>
        ))}
      </fieldset>
      <fieldset className="toggles">
        <legend>Keypoints</legend>
        {view.keypoints.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={keypoints.includes(k)}
              onChange={() => go({ keypoints: toggle(keypoints, view.keypoints, k) })}
            />
            <span className="swatch" style={{ background: colourOfKeypoint(k) }} aria-hidden="true" />
            {k}
          </label>
        ))}
      </fieldset>
      {series.length === 0 ? (
        <Empty>No keypoint is selected: tick one above.</Empty>
      ) : (
        <div className="pose-grid">
          <div className="charts">
            {(['x', 'y'] as const).map((coordinate) => (
              <TimeSeriesChart
                key={coordinate}
                coordinate={coordinate}
                series={series}
                colourOf={colourOfSeries}
                threshold={threshold}
                unit={view.unit}
                cursorTime={timeOf(current)}
                syncKey="pose"
                onZoom={(t0, t1) => {
                  const w = first && framesForTimes(first, t0, t1);
                  if (w) setWindow(w);
                }}
                onPick={(t) => {
                  if (first) go({ frame: first.frame[nearestIndex(first.time, t)] });
                }}
              />
            ))}
            <p className="muted keys">{POSE_KEYS_HELP}</p>
            <Scrubber
              frame={frame}
              start={view.start}
              end={view.end}
              fps={view.fps}
              timeOf={timeOf}
              onFrame={(f) => go({ frame: f })}
              onPreview={onPreview}
            />
          </div>
          <div className="arena">
            <figure>
              <figcaption>Trajectory</figcaption>
              <Trajectory series={series} bounds={bounds} threshold={threshold} frame={current} />
              <ColourBar from={timeOf(view.start) ?? 0} to={timeOf(view.end - 1) ?? view.duration} />
            </figure>
            <figure>
              <figcaption>Skeleton at frame {current}</figcaption>
              <SkeletonFrame
                series={series}
                individuals={individuals}
                keypoints={view.keypoints}
                edges={view.edges}
                colourOf={colourOfKeypoint}
                bounds={bounds}
                threshold={threshold}
                frame={current}
              />
            </figure>
          </div>
        </div>
      )}
      <MetricsPanel individuals={view.individuals} metrics={view.metrics} shown={shown} unit={view.unit} />
    </div>
  );
}
