import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { chartedKeypoints, type PoseSeriesLike } from '../chart/pose-traces.js';
import { PoseChart, type ChartPose, type PoseChartProps } from './pose-chart.js';

const BRAILLE = /[\u2801-\u28ff]/;
const frames = Array.from({ length: 300 }, (_, i) => i);

function series(keypoint: string, phase: number, confidence = 0.9): PoseSeriesLike {
  return {
    individual: 'mouse',
    keypoint,
    frame: frames,
    time: frames.map((f) => f / 30),
    x: frames.map((f) => (f > 100 && f < 130 ? NaN : 300 + 100 * Math.sin(f / 30 + phase))),
    y: frames.map((f) => 200 + 50 * Math.cos(f / 20 + phase)),
    confidence: frames.map(() => confidence),
  };
}

const pose: ChartPose = {
  source: 'ndx-pose',
  formatVersion: '0.2.0',
  container: 'PoseEstimationTop',
  containers: ['PoseEstimationTop', 'PoseEstimationSide'],
  individuals: ['mouse'],
  keypoints: ['nose', 'left_ear', 'tail_base'],
  frameCount: 300,
  fps: 30,
  unit: 'pixels',
  series: [series('nose', 0), series('left_ear', 1), series('tail_base', 2, 0.1)],
};

const base: PoseChartProps = {
  pose,
  individual: 0,
  keypoint: 0,
  overlay: [],
  mode: 'time',
  window: { start: 0, end: 300 },
  cursor: 150,
  threshold: 0.5,
  width: 59,
  height: 22,
};

const frameOf = (props: Partial<PoseChartProps>) => render(<PoseChart {...base} {...props} />).lastFrame() ?? '';

describe('PoseChart', () => {
  it('draws x and y of the first keypoint over time in braille, axes in the file unit and seconds, at 60 columns', () => {
    const frame = frameOf({});
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(22);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(59);
    expect(frame).toMatch(BRAILLE);
    expect(frame).toContain('x (px)');
    expect(frame).toContain('y (px)');
    expect(frame).toMatch(/\d s$/m);
    expect(frame).toContain('cam 1/2');
    expect(frame).toContain('frames 0–299/300');
    expect(frame).toContain('0.0–10.0 s');
    // Too narrow for the keypoint list: the legend line says which keypoint of how many.
    expect(frame).toContain('keypoint 1/3 (↑↓)');
  });

  it('reads the values at the cursor frame', () => {
    const frame = frameOf({ cursor: 30 });
    expect(frame).toContain('frame 30 · 1.00 s');
    const expectedX = 300 + 100 * Math.sin(1);
    expect(frame).toContain(`nose x ${Number(expectedX.toPrecision(4))}`);
  });

  it('overlays keypoints with a legend, and hides points below the threshold', () => {
    const overlaid = frameOf({ overlay: ['left_ear'], keypoint: 0 });
    expect(overlaid).toMatch(/━━ left_ear .*━━ nose/);
    expect(chartedKeypoints(pose, 0, ['left_ear'])).toEqual(['left_ear', 'nose']);
    expect(chartedKeypoints(pose, 1, ['left_ear', 'gone'])).toEqual(['left_ear']);
    const hidden = frameOf({ keypoint: 2, threshold: 0.5 });
    expect(hidden).not.toMatch(BRAILLE);
    expect(hidden).toMatch(/c 0\.10 low/);
    expect(frameOf({ keypoint: 2, threshold: 0.05 })).toMatch(BRAILLE);
  });

  it('shows the trajectory as one chart of y against x', () => {
    const frame = frameOf({ mode: 'trajectory' });
    expect(frame).toContain('y against x (px');
    expect(frame).not.toContain('x (px)\n');
    expect(frame).toMatch(BRAILLE);
    expect(frame).toMatch(/px$/m);
  });

  it('lists the keypoints beside the chart when the terminal is wide, marking the overlay', () => {
    const frame = frameOf({ width: 110, overlay: ['tail_base'], keypoint: 1 });
    expect(frame).toMatch(/›\s?left_ear/);
    expect(frame).toContain('●tail_base');
    expect(frameOf({})).not.toContain('●');
  });

  it('says so when there is nothing to draw for the keypoint', () => {
    const frame = frameOf({ pose: { ...pose, series: [] } });
    expect(frame).toContain('no samples for this individual and keypoint');
  });
});

describe('PoseChart and hostile names', () => {
  it('strips escape sequences from container, individual and keypoint names', () => {
    const hostile: ChartPose = {
      ...pose,
      container: 'Top\u001B]0;owned\u0007',
      individuals: ['mouse\u001B[2J'],
      keypoints: ['nose\u001B[31m'],
      series: [{ ...series('nose\u001B[31m', 0), individual: 'mouse\u001B[2J' }],
    };
    const frame = render(<PoseChart {...base} pose={hostile} width={100} />).lastFrame() ?? '';
    expect(frame).not.toMatch(/\u001B\]|\u001B\[2J|owned/);
    expect(frame).toContain('━━ nose');
    expect(frame).toMatch(BRAILLE);
  });
});
