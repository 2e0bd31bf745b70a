// How `pose --format table` prints: what was read (format, container, window, unit), then metrics per keypoint.
import type { KeypointMetrics, PoseData } from '@ember-archive/core';

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** The header block and the metrics table as text. */
export function poseTable(pose: PoseData, metrics: readonly KeypointMetrics[], threshold: number): string {
  const t0 = pose.time[0];
  const t1 = pose.time[pose.time.length - 1];
  const fps =
    pose.fps === undefined
      ? 'not stored'
      : pose.fpsEstimated
        ? `${pose.fps.toFixed(3)} (1 / median step of the timestamps)`
        : `${pose.fps}${pose.fpsAssumed ? ' (assumed; the file does not store it)' : ''}`;
  const head = [
    `File:          ${pose.location}`,
    `Format:        ${pose.source} ${pose.formatVersion}   container ${pose.container}`,
    ...((pose.containers?.length ?? 0) > 1
      ? [`Containers:    ${pose.containers!.join(', ')} (choose with --container)`]
      : []),
    `Frames:        ${pose.start}..${pose.end} of ${pose.frameCount}${t0 !== undefined && t1 !== undefined ? `   (${fixed(t0, 3)} s to ${fixed(t1, 3)} s)` : ''}`,
    `Frame rate:    ${fps}`,
    `Individuals:   ${pose.individuals.join(', ') || '(none)'}`,
    `Unit:          ${pose.unit}${pose.cmPerPixel !== undefined ? `   (${pose.cmPerPixel} cm per pixel)` : ''}`,
    `Valid point:   confidence > ${threshold}`,
  ];
  if (pose.staticObjects.length > 0)
    head.push(`Static objects: ${pose.staticObjects.map((o) => `${o.name} (${o.points.length} points)`).join(', ')}`);
  const speedUnit = `${pose.unit === 'pixels' ? 'px' : pose.unit}/s`;
  const columns = [
    'INDIVIDUAL',
    'KEYPOINT',
    'MISSING',
    'LOW CONF',
    `DISTANCE (${pose.unit === 'pixels' ? 'px' : pose.unit})`,
    `MEAN SPEED (${speedUnit})`,
    `MAX SPEED (${speedUnit})`,
  ];
  const rows = metrics.map((m) => [
    m.individual,
    m.keypoint,
    percent(m.fractionMissing),
    percent(m.fractionLowConfidence),
    fixed(m.distance, 1),
    fixed(m.meanSpeed, 2),
    fixed(m.maxSpeed, 2),
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const table = metrics.length === 0 ? ['(no keypoints in this window)'] : [line(columns), ...rows.map(line)];
  return `${head.join('\n')}\n\n${table.join('\n')}\n`;
}
