// `ember-archive pose` on SLEAP files (labels .slp and analysis exports), in process, on the corpus copies.
import { describe, expect, it } from 'vitest';
import { corpusDir } from '@ember-archive/sample-archive';
import { runMain } from './test-support/run-main.js';

const CORPUS = corpusDir();
const SLP = `${CORPUS}/sleap/minimal_instance.slp`;
const ANALYSIS = `${CORPUS}/sleap/small_robot.000_small_robot_3_frame.analysis.h5`;
const PREDICTIONS = `${CORPUS}/sleap/generated/predictions.slp`;

describe('ember-archive pose on SLEAP files', () => {
  it('csv: one row per frame x individual x keypoint of a labels file', async () => {
    const { code, stdout, stderr } = await runMain(['pose', SLP, '--format', 'csv']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header?.split(',').slice(0, 4)).toEqual(['frame', 'time', 'individual', 'keypoint']);
    expect(rows.map((r) => r.split(',').slice(2, 4).join('/'))).toEqual([
      'untracked_0/A',
      'untracked_0/B',
      'untracked_1/A',
      'untracked_1/B',
    ]);
    expect(rows[0]).toContain('92.65220773208894');
  });

  it('table: format, frames and metrics of an analysis export', async () => {
    const { code, stdout } = await runMain(['pose', ANALYSIS]);
    expect(code).toBe(0);
    expect(stdout).toContain('Format:        sleap analysis (track, xy, node, frame)   container /tracks');
    expect(stdout).toContain('Frames:        0..3 of 3');
    expect(stdout).toMatch(/Frame rate:\s+30 \(assumed/);
  });

  it('--container picks a video of a labels file with several; the table lists them', async () => {
    const { code, stdout } = await runMain(['pose', PREDICTIONS, '--container', 'video1']);
    expect(code).toBe(0);
    expect(stdout).toContain('container video1');
    expect(stdout).toMatch(/Containers:\s+video0, video1/);
  });
});
