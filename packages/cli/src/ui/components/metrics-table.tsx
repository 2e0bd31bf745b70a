// The metrics table of the pose screen (`m`): per keypoint of one individual, how much is missing or below the
// confidence threshold, how far it travelled and how fast, over the frames core read for them.
import { Box, Text } from 'ink';
import type { KeypointSummary } from '@ember-archive/core';
import { formatNumber, formatPercent, truncate } from './units.js';

/** Props of the metrics table. */
export interface MetricsTableProps {
  metrics: readonly KeypointSummary[];
  unit: string;
  /** Index of the keypoint under the picker's cursor. */
  cursor: number;
  height: number;
  width: number;
}

const NUM = 9;

/** One row per keypoint; the picker's keypoint highlighted and kept in view. */
export function MetricsTable({ metrics, unit, cursor, height, width }: MetricsTableProps) {
  const shortUnit = unit === 'pixels' ? 'px' : unit;
  const longest = Math.max(8, ...metrics.map((m) => m.keypoint.length + 1));
  const nameWidth = Math.max(8, Math.min(18, width - 4 * (NUM + 1) - 3, longest));
  const rows = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(cursor - Math.floor(rows / 2), metrics.length - rows));
  return (
    <Box flexDirection="column" width={width}>
      <Text dimColor wrap="truncate-end">
        {`  ${'keypoint'.padEnd(nameWidth)}${'missing'.padStart(NUM)} ${'low conf'.padStart(NUM)} ${`dist ${shortUnit}`.padStart(NUM)} ${`${shortUnit}/s`.padStart(NUM)}`}
      </Text>
      {metrics.slice(start, start + rows).map((m, i) => {
        const selected = start + i === cursor;
        return (
          <Text key={m.keypoint} inverse={selected} wrap="truncate-end">
            {selected ? '› ' : '  '}
            {truncate(m.keypoint, nameWidth - 1).padEnd(nameWidth)}
            {formatPercent(m.missing).padStart(NUM)} {formatPercent(m.lowConfidence).padStart(NUM)} {formatNumber(m.distance).padStart(NUM)}{' '}
            {formatNumber(m.meanSpeed).padStart(NUM)}
          </Text>
        );
      })}
      {metrics.length === 0 ? <Text dimColor>  no keypoints for this individual</Text> : null}
    </Box>
  );
}
