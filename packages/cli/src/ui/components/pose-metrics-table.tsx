// Pose at a glance: the format, individuals and keypoints, then one row per keypoint with how much is missing
// or low-confidence, how far it travelled, its mean speed, and a sparkline of x over time (from core's series).
// Named PoseMetricsTable: core's PoseView is the data it draws, and output/pose-table.ts the `pose` command's text.
import { Box, Text } from 'ink';
import type { PoseView as Pose } from '../data.js';
import { sparkline } from './sparkline.js';
import { formatNumber, formatPercent, truncate } from './units.js';

/** Props of the pose metrics table. */
export interface PoseMetricsTableProps {
  pose: Pose;
  /** Index into `pose.individuals`. */
  individual: number;
  cursor: number;
  start: number;
  height: number;
  width: number;
}

const NUM = 9;

// x of one keypoint of one individual over the window (empty when the view has no such series).
function seriesX(pose: Pose, individual: string | undefined, keypoint: string): number[] {
  return pose.series.find((s) => s.individual === individual && s.keypoint === keypoint)?.x ?? [];
}

/** Format line, individual selector, and the per-keypoint metrics table. */
export function PoseMetricsTable({ pose, individual, cursor, start, height, width }: PoseMetricsTableProps) {
  const metrics = pose.metrics[individual] ?? [];
  const shown = pose.individuals[individual];
  const framesRead = pose.end - pose.start;
  const nameWidth = Math.min(18, Math.max(8, ...pose.keypoints.map((k) => k.length + 1)));
  const fixed = 2 + nameWidth + 4 * (NUM + 1) + 1;
  const sparkWidth = Math.max(0, width - fixed - 1);
  const rows = Math.max(1, height - 3);
  const format = [pose.source, pose.formatVersion ? `v${pose.formatVersion}` : null].filter(Boolean).join(' ');
  const unit = pose.unit === 'pixels' ? 'px' : pose.unit;
  const who =
    pose.individuals.length > 1
      ? `individual ${individual + 1}/${pose.individuals.length}: ${pose.individuals[individual] ?? '?'}  ([ ] to switch)`
      : `individual: ${pose.individuals[0] ?? '—'}`;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{format}</Text>
        {pose.container ? <Text dimColor>{`  ${pose.container}`}</Text> : null}
        {pose.containers.length > 1 ? (
          <Text color="cyan">{`  camera ${pose.containers.indexOf(pose.container ?? '') + 1}/${pose.containers.length} (c to switch)`}</Text>
        ) : null}
        {framesRead < pose.frameCount
          ? `  first ${framesRead.toLocaleString('en-US')} of ${pose.frameCount.toLocaleString('en-US')} frames (${pose.duration.toFixed(1)} s), unit ${pose.unit}`
          : `  ${pose.frameCount.toLocaleString('en-US')} frames, ${pose.duration.toFixed(1)} s, unit ${pose.unit}`}
      </Text>
      <Text color="cyan" wrap="truncate-end">
        {who}
      </Text>
      <Text dimColor wrap="truncate-end">
        {`  ${'keypoint'.padEnd(nameWidth)}${'missing'.padStart(NUM)} ${'low conf'.padStart(NUM)} ${`dist ${unit}`.padStart(NUM)} ${`${unit}/s`.padStart(NUM)}  x over time`}
      </Text>
      <Box flexDirection="column" height={rows}>
        {metrics.slice(start, start + rows).map((m, i) => {
          const selected = start + i === cursor;
          return (
            <Text key={m.keypoint} inverse={selected} wrap="truncate-end">
              {selected ? '› ' : '  '}
              {truncate(m.keypoint, nameWidth - 1).padEnd(nameWidth)}
              {formatPercent(m.missing).padStart(NUM)} {formatPercent(m.lowConfidence).padStart(NUM)}{' '}
              {formatNumber(m.distance).padStart(NUM)} {formatNumber(m.meanSpeed).padStart(NUM)}
              {'  '}
              <Text color="green">{sparkline(seriesX(pose, shown, m.keypoint), sparkWidth)}</Text>
            </Text>
          );
        })}
        {metrics.length === 0 ? <Text dimColor> no keypoints for this individual</Text> : null}
      </Box>
    </Box>
  );
}
