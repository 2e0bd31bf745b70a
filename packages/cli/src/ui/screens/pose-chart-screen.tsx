// Pose screen: the chart first (x and y over time of the first keypoint, as the notebook plots it), with zoom,
// pan, a cursor, a keypoint picker and overlay, the confidence threshold, individual and camera switches, and the
// metrics table one key away. Every zoom or pan asks core for that window decimated to the chart's width.
import { useEffect, useState } from 'react';
import { Box, Text, useStdout } from 'ink';
import { POSE_FRAME_LIMIT } from '@ember-archive/core';
import { clampWindow, moveCursor, panWindow, zoomWindow, type FrameWindow } from '../chart/time-window.js';
import { ErrorLine } from '../components/error-line.js';
import { Header } from '../components/header.js';
import { PoseMetricsTable } from '../components/pose-metrics-table.js';
import { PoseChart, type ChartMode } from '../components/pose-chart.js';
import { Spinner } from '../components/spinner.js';
import { formatCount } from '../components/units.js';
import { toFailure } from '../hooks/failure.js';
import { usePoseChart, type PoseFile } from '../hooks/use-pose-chart.js';
import { useKeys } from '../hooks/use-keys.js';

/** Props of the pose screen. */
export interface PoseChartScreenProps {
  file: PoseFile;
  active: boolean;
  width: number;
  height: number;
  onBack(): void;
  /** Ask the terminal to report the mouse wheel while the chart is shown (off in tests). */
  mouse?: boolean;
}

/** How much one zoom key scales the window. */
const ZOOM_STEP = 0.5;
/** How much one threshold key moves it. */
const THRESHOLD_STEP = 0.05;

// xterm's mouse protocol: button events (1000) in SGR encoding (1006), so the wheel arrives as ESC [ < 64/65 ; x ; y M.
const MOUSE_ON = '\u001B[?1000h\u001B[?1006h';
const MOUSE_OFF = '\u001B[?1006l\u001B[?1000l';

/** The chart of a pose file, with its keys. */
export function PoseChartScreen({ file, active, width, height, onBack, mouse = false }: PoseChartScreenProps) {
  const [attempt, setAttempt] = useState(0);
  const [container, setContainer] = useState<string | undefined>(undefined);
  const [individualIndex, setIndividual] = useState(0);
  const [keypoint, setKeypoint] = useState(0);
  const [overlay, setOverlay] = useState<string[]>([]);
  const [mode, setMode] = useState<ChartMode>('time');
  const [metrics, setMetrics] = useState(false);
  const [window, setWindow] = useState<FrameWindow | undefined>(undefined);
  const [cursorFrame, setCursor] = useState<number | undefined>(undefined);
  const [threshold, setThreshold] = useState<number | undefined>(undefined);
  const bodyHeight = Math.max(8, height - 2);

  const data = usePoseChart(
    file,
    { container, window, keypoint, overlay, individual: individualIndex, points: width * 2 },
    attempt,
  );
  const base = data.base.value;
  const individual = base?.individuals[individualIndex];
  const frameCount = base?.frameCount ?? 0;
  const maxFrames = Math.min(frameCount, POSE_FRAME_LIMIT);
  const shownWindow = window ?? (base ? { start: base.start, end: base.end } : { start: 0, end: 0 });
  // The cursor starts mid-window, where zooming in keeps the middle of the recording in view.
  const middle = Math.floor((shownWindow.start + shownWindow.end) / 2);
  const cursor = Math.min(
    Math.max(cursorFrame ?? middle, shownWindow.start),
    Math.max(shownWindow.start, shownWindow.end - 1),
  );
  const level = threshold ?? base?.threshold ?? 0;

  const { stdout } = useStdout();
  useEffect(() => {
    if (!mouse || !active) return;
    stdout.write(MOUSE_ON);
    return () => {
      stdout.write(MOUSE_OFF);
    };
  }, [mouse, active, stdout]);

  const zoom = (factor: number) => {
    if (!base) return;
    const next = zoomWindow(shownWindow, factor, cursor, frameCount);
    // A window wider than core reads at once stays at the limit, around the cursor.
    setWindow(
      next.end - next.start > maxFrames
        ? clampWindow({ start: cursor - maxFrames / 2, end: cursor + maxFrames / 2 }, frameCount)
        : next,
    );
  };

  useKeys(
    'pose',
    (action) => {
      if (!base) {
        if (action === 'back') onBack();
        if (action === 'retry' && data.base.error) setAttempt((a) => a + 1);
        return;
      }
      const keypoints = base.keypoints.length;
      switch (action) {
        case 'up':
          return setKeypoint((k) => Math.max(0, k - 1));
        case 'down':
          return setKeypoint((k) => Math.min(keypoints - 1, k + 1));
        case 'top':
          return setKeypoint(0);
        case 'bottom':
          return setKeypoint(keypoints - 1);
        case 'toggleKeypoint': {
          const name = base.keypoints[keypoint];
          if (name === undefined) return;
          return setOverlay((o) => (o.includes(name) ? o.filter((k) => k !== name) : [...o, name]));
        }
        case 'zoomIn':
          return zoom(ZOOM_STEP);
        case 'zoomOut':
          return zoom(1 / ZOOM_STEP);
        case 'zoomReset':
          setWindow(undefined);
          return setCursor(undefined);
        case 'panLeft':
        case 'panRight':
          setWindow(panWindow(shownWindow, action === 'panLeft' ? -0.5 : 0.5, frameCount));
          return setCursor(undefined);
        case 'cursorLeft':
        case 'cursorRight': {
          const moved = moveCursor(
            cursor,
            action === 'cursorLeft' ? -1 : 1,
            shownWindow,
            Math.max(1, width - 8),
            frameCount,
          );
          setCursor(moved.cursor);
          if (moved.window !== shownWindow) setWindow(moved.window);
          return;
        }
        case 'thresholdDown':
        case 'thresholdUp':
          return setThreshold(
            Math.round(
              Math.min(1, Math.max(0, level + (action === 'thresholdUp' ? THRESHOLD_STEP : -THRESHOLD_STEP))) * 100,
            ) / 100,
          );
        case 'trajectory':
          return setMode((m) => (m === 'time' ? 'trajectory' : 'time'));
        case 'metrics':
          return setMetrics((m) => !m);
        case 'prevIndividual':
        case 'nextIndividual': {
          const n = base.individuals.length;
          return setIndividual((i) => (n > 0 ? (i + (action === 'nextIndividual' ? 1 : n - 1)) % n : 0));
        }
        case 'nextContainer': {
          if (base.containers.length < 2) return;
          const next = base.containers[(base.containers.indexOf(base.container ?? '') + 1) % base.containers.length];
          setIndividual(0);
          setKeypoint(0);
          setOverlay([]);
          setWindow(undefined);
          setCursor(undefined);
          return setContainer(next);
        }
        case 'retry':
          if (data.refineError || data.base.error) setAttempt((a) => a + 1);
          return;
        case 'back':
          return onBack();
        default:
          return;
      }
    },
    active,
  );

  const detail = base
    ? `${formatCount(base.keypoints.length, 'keypoint')} · ${formatCount(base.individuals.length, 'individual')} · ${base.frameCount.toLocaleString('en-US')} frames${base.fps ? ` at ${base.fps} fps` : ''}`
    : 'pose estimation';
  return (
    <Box flexDirection="column">
      <Header title="Pose" location={file.uri} detail={detail} width={width} />
      {data.base.error ? (
        <ErrorLine message={data.base.error} retryable={data.base.retryable} />
      ) : !base || !data.shown ? (
        <Spinner label={container ? `Reading pose data of ${container}…` : 'Reading pose data…'} />
      ) : metrics ? (
        <Box flexDirection="column">
          <Text
            dimColor
            wrap="truncate-end"
          >{`Metrics of ${individual ?? '—'} over frames ${base.start.toLocaleString('en-US')}–${(base.end - 1).toLocaleString('en-US')} (m: back to the chart)`}</Text>
          <PoseMetricsTable
            pose={base}
            individual={individualIndex}
            cursor={keypoint}
            start={Math.max(0, keypoint - Math.floor((bodyHeight - 4) / 2))}
            height={bodyHeight - 1}
            width={width}
          />
        </Box>
      ) : (
        <Box flexDirection="column">
          <PoseChart
            pose={{ ...base, series: data.shown.series }}
            individual={individualIndex}
            keypoint={keypoint}
            overlay={overlay}
            mode={mode}
            window={shownWindow}
            cursor={cursor}
            threshold={level}
            width={width}
            height={bodyHeight - (data.refineError ? 1 : 0)}
            refining={data.refining}
          />
          {data.refineError ? <ErrorLine message={data.refineError} retryable /> : null}
        </Box>
      )}
    </Box>
  );
}

/** Props of the pose entry: the chart of a file opened through the UI services. */
export interface PoseEntryScreenProps extends Omit<PoseChartScreenProps, 'file'> {
  uri: string;
  open(uri: string): Promise<PoseFile & { close(): Promise<void> }>;
}

/** Open `uri` for the chart, show the chart, close the file when the screen goes away. */
export function PoseEntryScreen({ uri, open, ...props }: PoseEntryScreenProps) {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{
    file?: PoseFile & { close(): Promise<void> };
    error?: string;
    retryable?: boolean;
  }>({});
  useEffect(() => {
    let current = true;
    let opened: (PoseFile & { close(): Promise<void> }) | undefined;
    setState({});
    open(uri).then(
      (file) => {
        opened = file;
        if (current) setState({ file });
        else void file.close();
      },
      (error: unknown) => {
        const failure = toFailure(error);
        if (current) setState({ error: failure.message, retryable: failure.retryable });
      },
    );
    return () => {
      current = false;
      void opened?.close().catch(() => undefined);
    };
  }, [uri, attempt]);
  useKeys(
    'pose',
    (action) => {
      if (action === 'back') props.onBack();
      if (action === 'retry' && state.error) setAttempt((a) => a + 1);
    },
    props.active && !state.file,
  );
  if (state.file) return <PoseChartScreen {...props} file={state.file} />;
  return (
    <Box flexDirection="column">
      <Header title="Pose" location={uri} detail="pose estimation" width={props.width} />
      {state.error ? (
        <ErrorLine message={state.error} retryable={state.retryable ?? false} />
      ) : (
        <Spinner label="Opening the pose file…" />
      )}
    </Box>
  );
}
