// The pose chart, the notebook's plot in a terminal: x and y of the chosen keypoints over time as braille line
// charts (or y against x, the trajectory), a legend, what the cursor reads at its frame, and a keypoint picker.
// Pure: the screen hands in core's decimated series for the window and the view state; nothing is read here.
import { Box, Text } from 'ink';
import type { Segment } from '../chart/braille-canvas.js';
import { renderLineChart } from '../chart/line-chart.js';
import {
  chartedKeypoints,
  poseTraces,
  readCursor,
  timeAtFrame,
  traceColor,
  windowDomain,
  type ChartAxis,
  type PoseSeriesLike,
} from '../chart/pose-traces.js';
import type { FrameWindow } from '../chart/time-window.js';
import { terminalSafe } from './terminal-text.js';
import { formatNumber, truncate } from './units.js';

/** The parts of core's PoseView the chart reads. */
export interface ChartPose {
  source: string;
  formatVersion?: string;
  container?: string;
  containers: readonly string[];
  individuals: readonly string[];
  keypoints: readonly string[];
  frameCount: number;
  fps?: number;
  unit: string;
  series: readonly PoseSeriesLike[];
}

/** What the chart shows: one coordinate pair over time, or the trajectory. */
export type ChartMode = 'time' | 'trajectory';

/** Props of the pose chart. */
export interface PoseChartProps {
  pose: ChartPose;
  /** Index into `pose.individuals`. */
  individual: number;
  /** Index into `pose.keypoints` of the picker's cursor; drawn when nothing is overlaid. */
  keypoint: number;
  /** Keypoints overlaid (names); the picker's keypoint is drawn with them. */
  overlay: readonly string[];
  mode: ChartMode;
  window: FrameWindow;
  cursor: number;
  threshold: number;
  width: number;
  height: number;
  /** A refined window is on its way: say so, keep drawing what is there. */
  refining?: boolean;
}

const PICKER_MIN_TOTAL = 90;

function Segments({ line }: { line: readonly Segment[] }) {
  return (
    <Text wrap="truncate-end">
      {line.map((segment, i) => (
        <Text key={i} {...(segment.color ? { color: segment.color } : {})}>
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}

function shortUnit(unit: string): string {
  return unit === 'pixels' ? 'px' : unit;
}

/** Header lines, legend, cursor reading, then one or two braille charts; a keypoint list on the left when wide. */
export function PoseChart({
  pose,
  individual,
  keypoint,
  overlay,
  mode,
  window,
  cursor,
  threshold,
  width,
  height,
  refining,
}: PoseChartProps) {
  const who = pose.individuals[individual] ?? '';
  // Archive strings (container, individual and keypoint names) reach the terminal only through terminalSafe.
  const whoShown = truncate(who, 20);
  const keypoints = chartedKeypoints(pose, keypoint, overlay);
  const pickerWidth =
    width >= PICKER_MIN_TOTAL ? Math.min(20, Math.max(10, ...pose.keypoints.map((k) => k.length + 3))) : 0;
  const chartWidth = Math.max(20, width - pickerWidth - (pickerWidth > 0 ? 1 : 0));
  const unit = shortUnit(pose.unit);
  const first = pose.series.find((s) => s.individual === who && keypoints.includes(s.keypoint)) ?? pose.series[0];
  const domain = windowDomain(first, window.start, window.end, pose.fps);
  const readings = readCursor(pose.series, who, keypoints, cursor, threshold);
  const cursorTime = timeAtFrame(first, cursor, pose.fps);

  const format = [pose.source, pose.formatVersion ? `v${pose.formatVersion}` : null].filter(Boolean).join(' ');
  const camera =
    pose.containers.length > 1
      ? `cam ${pose.containers.indexOf(pose.container ?? '') + 1}/${pose.containers.length}  `
      : '';
  const mouse =
    pose.individuals.length > 1
      ? `${whoShown} ${individual + 1}/${pose.individuals.length}  `
      : who
        ? `${whoShown}  `
        : '';
  const span = domain ? `  ${domain[0].toFixed(1)}–${domain[1].toFixed(1)} s` : '';
  const frames = `frames ${window.start.toLocaleString('en-US')}–${(window.end - 1).toLocaleString('en-US')}/${pose.frameCount.toLocaleString('en-US')}`;
  // The cursor reads the nearest decimated sample: say which frame that is.
  const readFrame = readings[0]?.frame ?? cursor;
  const readTime = readings[0]?.time ?? cursorTime;
  const fixedLines = 3;
  const chartsHeight = Math.max(4, height - fixedLines);
  const charts: { axis: ChartAxis; title: string; height: number }[] =
    mode === 'trajectory'
      ? [{ axis: 'trajectory', title: `y against x (${unit}; image rows grow downward)`, height: chartsHeight }]
      : [
          { axis: 'x', title: `x (${unit})`, height: Math.ceil(chartsHeight / 2) },
          { axis: 'y', title: `y (${unit})`, height: Math.floor(chartsHeight / 2) },
        ];

  // The picker scrolls to keep its cursor in view, a few rows from either end.
  const pickerStart = Math.max(
    0,
    Math.min(keypoint - Math.floor(chartsHeight / 2), pose.keypoints.length - chartsHeight),
  );
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text color="cyan">{`${mouse}${camera}`}</Text>
        <Text>{`${frames}${span}`}</Text>
        <Text dimColor>{terminalSafe(`  ${format}${pose.container ? ` ${pose.container}` : ''}`)}</Text>
      </Text>
      <Text wrap="truncate-end">
        {keypoints.map((k, i) => (
          <Text key={k}>
            <Text color={traceColor(i)}>{'━━ '}</Text>
            {`${truncate(k, 20)}  `}
          </Text>
        ))}
        <Text dimColor>
          {`confidence ≥ ${threshold.toFixed(2)} ({ })${refining ? '  refining…' : ''}`}
          {pickerWidth === 0 && pose.keypoints.length > 1
            ? `  keypoint ${keypoint + 1}/${pose.keypoints.length} (↑↓)`
            : ''}
        </Text>
      </Text>
      <Text wrap="truncate-end">
        <Text
          dimColor
        >{`frame ${readFrame.toLocaleString('en-US')}${readTime !== undefined && Number.isFinite(readTime) ? ` · ${readTime.toFixed(2)} s` : ''}`}</Text>
        {readings.map((r) => (
          <Text key={r.keypoint} color={r.color}>
            {`  ${truncate(r.keypoint, 12)} x ${formatNumber(r.x, 7)} y ${formatNumber(r.y, 7)} c ${Number.isFinite(r.confidence) ? r.confidence.toFixed(2) : '—'}${r.low ? ' low' : ''}`}
          </Text>
        ))}
      </Text>
      <Box flexDirection="row">
        {pickerWidth > 0 ? (
          <Box flexDirection="column" width={pickerWidth} marginRight={1}>
            {pose.keypoints.slice(pickerStart, pickerStart + chartsHeight).map((k, row) => {
              const index = pickerStart + row;
              const drawn = keypoints.indexOf(k);
              return (
                <Text
                  key={k}
                  inverse={index === keypoint}
                  wrap="truncate-end"
                  {...(drawn >= 0 ? { color: traceColor(drawn) } : { dimColor: true })}
                >
                  {`${index === keypoint ? '›' : ' '}${overlay.includes(k) ? '●' : ' '}${truncate(k, pickerWidth - 2)}`}
                </Text>
              );
            })}
          </Box>
        ) : null}
        <Box flexDirection="column" width={chartWidth}>
          {charts.map((chart) => {
            const traces = poseTraces(pose.series, who, keypoints, chart.axis, threshold);
            const rendered = renderLineChart(traces, {
              width: chartWidth,
              height: chart.height - 1,
              ...(chart.axis === 'trajectory'
                ? { invertY: true, xUnit: unit, connect: true }
                : { xUnit: 's', ...(domain ? { xDomain: domain } : {}) }),
              ...(chart.axis !== 'trajectory' && cursorTime !== undefined ? { cursorX: cursorTime } : {}),
            });
            return (
              <Box key={chart.axis} flexDirection="column">
                <Text bold dimColor wrap="truncate-end">
                  {chart.title}
                  {traces.length === 0 ? '  (no samples for this individual and keypoint)' : ''}
                </Text>
                {rendered.lines.map((line, i) => (
                  <Segments key={i} line={line} />
                ))}
              </Box>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}
