// `ember-archive pose --segmentation` on generated JABS v6 files (contours) and a v5 file (none).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateJabsPose } from '@ember-archive/sample-archive';
import { runMain } from './test-support/run-main.js';

let base: string;
let v6: string;
let v5: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ember-cli-pose-seg-'));
  v6 = join(base, 'session_pose_est_v6.h5');
  v5 = join(base, 'session_pose_est_v5.h5');
  await writeFile(v6, (await generateJabsPose({ seed: 6, version: 6, frames: 90, mice: 2 })).bytes);
  await writeFile(v5, (await generateJabsPose({ seed: 5, version: 5, frames: 90, mice: 2 })).bytes);
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const run = (...argv: string[]) => runMain(argv);

interface SegJson {
  segmentation?: {
    linkedBy: string;
    unmatchedContours: number;
    tracks: { individual: string; frames: { external: boolean | null; points: [number, number][] }[][] }[];
  };
}

describe('ember-archive pose --segmentation', () => {
  it('json: contours per individual for the window, as [x, y] points; absent without the flag', async () => {
    const asked = await run(
      'pose',
      v6,
      '--format',
      'json',
      '--start',
      '10',
      '--end',
      '20',
      '--segmentation',
      '--pixels',
    );
    expect(asked.code).toBe(0);
    const json = JSON.parse(asked.stdout) as SegJson;
    expect(json.segmentation?.linkedBy).toBe('longterm_seg_id');
    expect(json.segmentation?.tracks.map((t) => t.individual)).toEqual(['mouse_0', 'mouse_1']);
    const frames = json.segmentation!.tracks[0]!.frames;
    expect(frames).toHaveLength(10);
    const contour = frames.find((f) => f.length > 0)![0]!;
    expect(contour.external).toBe(true);
    for (const [x, y] of contour.points) {
      expect(Number.isInteger(x) && x >= 0).toBe(true);
      expect(Number.isInteger(y) && y >= 0).toBe(true);
    }
    const plain = JSON.parse(
      (await run('pose', v6, '--format', 'json', '--start', '10', '--end', '20', '--pixels')).stdout,
    ) as SegJson;
    expect('segmentation' in plain).toBe(false);
  });

  it('table: the header counts the contours of the window, and says so when the file has none', async () => {
    const json = JSON.parse(
      (await run('pose', v6, '--format', 'json', '--end', '30', '--segmentation')).stdout,
    ) as SegJson;
    const count = json.segmentation!.tracks.reduce((n, t) => n + t.frames.reduce((m, f) => m + f.length, 0), 0);
    expect(count).toBeGreaterThan(0);
    const table = await run('pose', v6, '--end', '30', '--segmentation');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`Segmentation:  ${count} contours (0 holes) linked by longterm_seg_id\n\n`);
    expect(table.stdout).toMatch(/\nINDIVIDUAL\s+KEYPOINT/);
    const without = await run('pose', v6, '--end', '30');
    expect(without.stdout).not.toContain('Segmentation:');
    const none = await run('pose', v5, '--end', '30', '--segmentation');
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Segmentation:  none in this file');
  });

  it('refuses --segmentation with csv, in one sentence and exit code 2', async () => {
    const { code, stderr } = await run('pose', v6, '--format', 'csv', '--segmentation');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--segmentation goes with --format table or json/);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
