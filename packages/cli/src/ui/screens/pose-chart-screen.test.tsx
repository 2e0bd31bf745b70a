import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { KEYS, until } from '../test-support/memory-archive.js';
import { syntheticPoseFile, syntheticValue } from '../test-support/synthetic-pose.js';
import { PoseChartScreen } from './pose-chart-screen.js';

const BRAILLE = /[\u2801-\u28ff]/;
// The spinner is braille too: a chart is there when its axis titles are.
const charted = (f: string) => /[xy] \(px\)|y against x/.test(f) && BRAILLE.test(f);
const WIDTH = 59;

function start(delayMs = 0) {
  const file = syntheticPoseFile(delayMs);
  const ui = render(<PoseChartScreen file={file} active width={WIDTH} height={24} onBack={() => undefined} />);
  const frame = () => ui.lastFrame() ?? '';
  const press = async (key: string, expect: (f: string) => boolean, what: string) => {
    ui.stdin.write(key);
    await until(() => expect(frame()), 3000, what).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${frame()}`);
    });
  };
  return { file, frame, press };
}

afterEach(() => cleanup());

describe('PoseChartScreen', () => {
  it('opens on the chart of the first keypoint, asking core for chart-width points', async () => {
    const { file, frame } = start();
    await until(() => charted(frame()), 3000, 'the chart');
    expect(frame()).toContain('━━ nose');
    expect(frame()).toContain('frames 0–2,999/3,000');
    expect(file.requests).toEqual([{ points: WIDTH * 2 }]);
  });

  it('zooms around the cursor by asking core for the refined window only', async () => {
    const { file, frame, press } = start();
    await until(() => charted(frame()), 3000, 'the chart');
    await press('+', (f) => f.includes('frames 750–2,249/3,000'), 'zoomed in');
    await until(() => file.requests.length === 2, 3000, 'the refined request');
    expect(file.requests[1]).toEqual({
      keypoints: ['nose'],
      individuals: ['mouse1'],
      start: 750,
      end: 2250,
      points: WIDTH * 2,
    });
    await press('>', (f) => f.includes('frames 1,500–2,999/3,000'), 'panned right');
    await until(() => file.requests.some((r) => r.start === 1500 && r.end === 3000), 3000, 'the panned window');
    await press('0', (f) => f.includes('frames 0–2,999/3,000'), 'whole recording again');
    // The mouse wheel, as an xterm SGR report: up zooms in, down zooms out.
    await press('\u001B[<64;30;12M', (f) => f.includes('frames 750–2,249/3,000'), 'wheel zoom in');
    await press('\u001B[<65;30;12M', (f) => f.includes('frames 0–2,999/3,000'), 'wheel zoom out');
  });

  it('moves the cursor and reads the values at its frame', async () => {
    const { frame, press } = start();
    const reading = () => Number(/frame ([\d,]+) · /.exec(frame())?.[1]?.replace(/,/g, '') ?? NaN);
    await until(() => Math.abs(reading() - 1500) <= 30, 3000, 'the cursor reading, mid-window');
    const before = reading();
    await press(KEYS.right, () => reading() > before, 'the cursor moved right');
    const at = reading();
    expect(frame()).toContain(`nose x ${Number(syntheticValue('x', at, 0, 0, 0).toPrecision(4))}`);
  });

  it('switches keypoints, overlays them, hides low confidence, and shows the metrics one key away', async () => {
    const { frame, press } = start();
    await until(() => charted(frame()), 3000, 'the chart');
    await press(KEYS.down, (f) => f.includes('━━ left_ear') && !f.includes('━━ nose'), 'the second keypoint');
    await press(KEYS.enter, (f) => f.includes('━━ left_ear'), 'left_ear pinned');
    await press(KEYS.enter, (f) => !f.includes('━━ nose') && f.includes('━━ left_ear'), 'left_ear unpinned');
    await press(KEYS.down, (f) => f.includes('━━ tail_base') && !f.includes('━━ left_ear'), 'tail_base alone');
    // Every tail_base point is below the threshold: the reading says so and the chart draws none.
    expect(frame()).toMatch(/c 0\.30 low/);
    expect(frame().split('x (px)')[1]).not.toMatch(BRAILLE);
    await press(KEYS.up, (f) => f.includes('━━ left_ear'), 'back on left_ear');
    await press(KEYS.enter, (f) => f.includes('━━ left_ear'), 'left_ear pinned');
    await press(KEYS.down, (f) => /━━ left_ear .*━━ tail_base/.test(f), 'tail_base overlaid');
    await press('{', (f) => f.includes('confidence ≥ 0.45'), 'threshold lowered');
    for (let i = 0; i < 3; i++)
      await press('{', (f) => f.includes(`confidence ≥ ${(0.4 - i * 0.05).toFixed(2)}`), 'threshold lowered');
    expect(frame()).not.toMatch(/c 0\.30 low/);
    await press('m', (f) => f.includes('low conf') && f.includes('tail_base'), 'the metrics table');
    expect(frame()).not.toMatch(BRAILLE);
    await press('m', charted, 'back to the chart');
  });

  it('switches individual, camera and trajectory mode', async () => {
    const { file, frame, press } = start();
    await until(() => charted(frame()), 3000, 'the chart');
    await press(']', (f) => f.includes('mouse2 2/2'), 'the second mouse');
    await press('c', (f) => f.includes('cam 2/2'), 'the second camera');
    expect(file.requests.at(-1)).toEqual({ container: 'PoseEstimationSide', points: WIDTH * 2 });
    expect(frame()).toContain('mouse1 1/2');
    await press('t', (f) => f.includes('y against x'), 'the trajectory');
  });

  it('keeps the previous chart on screen while a refined window is read', async () => {
    const { frame, press } = start(150);
    await until(() => charted(frame()), 3000, 'the chart');
    await press('+', (f) => f.includes('refining…'), 'refining');
    expect(charted(frame())).toBe(true);
    await until(() => !frame().includes('refining…'), 3000, 'the refined window');
  });
});
