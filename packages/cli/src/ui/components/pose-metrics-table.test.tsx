import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import type { PoseView as Pose } from '../data.js';
import { PoseMetricsTable } from './pose-metrics-table.js';

const metric = (keypoint: string, missing: number) => ({
  keypoint,
  missing,
  lowConfidence: missing / 2,
  distance: 1234.5,
  meanSpeed: 41.15,
});

const series = (individual: string, keypoint: string) => {
  const frame = Array.from({ length: 300 }, (_, i) => i);
  return {
    individual,
    keypoint,
    frame,
    time: frame.map((f) => f / 30),
    x: frame.map((i) => (i % 100 === 50 ? Number.NaN : i)),
    y: frame,
    confidence: frame.map(() => 1),
  };
};

const pose: Pose = {
  source: 'jabs',
  formatVersion: '6',
  container: '/poseest',
  containers: ['/poseest'],
  individuals: ['0', '1'],
  keypoints: ['nose', 'left_ear', 'right_ear'],
  edges: [],
  frameCount: 1800,
  start: 0,
  end: 1800,
  duration: 59.97,
  unit: 'cm',
  threshold: 0.3,
  series: [series('0', 'nose'), series('0', 'left_ear'), series('0', 'right_ear'), series('1', 'nose')],
  metrics: [[metric('nose', 0.1), metric('left_ear', 0), metric('right_ear', 0.5)], [metric('nose', 0.9)]],
};

describe('PoseMetricsTable', () => {
  it('shows the format, the individual, and metrics with a sparkline per keypoint', () => {
    const frame =
      render(
        <PoseMetricsTable pose={pose} individual={0} cursor={2} start={0} height={10} width={100} />,
      ).lastFrame() ?? '';
    expect(frame).toContain('jabs v6');
    expect(frame).toContain('1,800 frames, 60.0 s, unit cm');
    expect(frame).toMatch(/keypoint\s+missing\s+low conf\s+dist cm\s+cm\/s\s+x over time/);
    expect(frame).toContain('individual 1/2: 0');
    const nose = frame.split('\n').find((l) => l.includes('nose')) ?? '';
    expect(nose).toMatch(/nose\s+10\.0%\s+5\.0%\s+1235\s+41\.15\s+[▁▂▃▄▅▆▇█ ]+$/);
    expect(frame).toMatch(/› right_ear\s+50\.0%/);
  });
  it('says when only the first part of a long recording was read', () => {
    const long = { ...pose, frameCount: 216_000, end: 36_000, duration: 1199.97 };
    const frame =
      render(
        <PoseMetricsTable pose={long} individual={0} cursor={0} start={0} height={10} width={100} />,
      ).lastFrame() ?? '';
    expect(frame).toContain('first 36,000 of 216,000 frames (1200.0 s), unit cm');
  });
  it('switches to another individual', () => {
    const frame =
      render(
        <PoseMetricsTable pose={pose} individual={1} cursor={0} start={0} height={10} width={100} />,
      ).lastFrame() ?? '';
    expect(frame).toContain('individual 2/2: 1');
    expect(frame).toMatch(/nose\s+90\.0%/);
    expect(frame).not.toContain('left_ear');
  });
  it('names a SLEAP file by its form and counts videos, not cameras', () => {
    const sleap = {
      ...pose,
      source: 'sleap',
      formatVersion: 'labels 1.2',
      container: 'video1',
      containers: ['video0', 'video1'],
    };
    const view = <PoseMetricsTable pose={sleap} individual={0} cursor={0} start={0} height={10} width={120} />;
    const frame = render(view).lastFrame() ?? '';
    expect(frame).toContain('sleap labels 1.2  video1  video 2/2 (c to switch)');
  });
});
