// `ember-archive nwb` and `ember-archive pose` in-process on the real corpus files (read through core's explorer seam).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '@ember-archive/sample-archive';
import { runMain } from './test-support/run-main.js';

const CORPUS = corpusDir();
const JABS_V3 = `${CORPUS}/jabs/sample_pose_est_v3.h5`;
const DLC = `${CORPUS}/dlc/m3v1mp4DLC_resnet50_openfieldAug20shuffle1_30000.h5`;
const NDX = `${CORPUS}/ndx-pose/0.3.0_poseestimation_one_camera.nwb`;

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ember-cli-pose-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const run = (...argv: string[]) => runMain(argv);

describe('ember-archive nwb', () => {
  it('prints the summary of an ndx-pose file for people', async () => {
    const { code, stdout, stderr } = await run('nwb', NDX);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/NWB version:\s+2\.9\.0/);
    expect(stdout).toMatch(/Session start time:\s+2026-07-30T19:19:09\.409000\+00:00/);
    expect(stdout).toContain('  behavior/  ProcessingModule');
    expect(stdout).toContain('    PoseEstimation/  PoseEstimation (ndx-pose)');
    expect(stdout).toContain('  ndx-pose 0.3.0');
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await run('nwb', `${CORPUS}/nwb-core/2.2.0_subject_no_age__reference.nwb`, '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { subject: { subjectId: string }; namespaces: { name: string }[] };
    expect(summary.subject.subjectId).toBe('RAT123');
    expect(summary.namespaces.map((n) => n.name)).toEqual(['core', 'hdmf-common', 'hdmf-experimental']);
  });

  it('fails with one sentence and exit code 1 on a file that is not NWB', async () => {
    const { code, stdout, stderr } = await run('nwb', JABS_V3);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^ember-archive: .*not an NWB file.*\n$/);
  });
});

describe('ember-archive pose', () => {
  it('table: metrics per keypoint for the chosen individual and keypoints', async () => {
    const { code, stdout } = await run(
      'pose',
      JABS_V3,
      '--individual',
      'mouse_1',
      '--keypoints',
      'nose,base_tail',
      '--start',
      '100',
      '--end',
      '400',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Format:        jabs 3   container /poseest');
    expect(stdout).toContain('Frames:        100..400 of 1800');
    expect(stdout).toMatch(/Frame rate:\s+30 \(assumed/);
    expect(stdout).toMatch(/Valid point:\s+confidence > 0\.3/);
    const rows = stdout.split('\n').filter((l) => l.startsWith('mouse_1'));
    expect(rows.map((r) => r.split(/\s+/)[1])).toEqual(['nose', 'base_tail']);
  });

  it('json: the documented shape, missing values as null, (x, y) from JABS (y, x)', async () => {
    const { code, stdout } = await run('pose', JABS_V3, '--format', 'json', '--end', '3', '--keypoints', 'nose');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as {
      source: string;
      formatVersion: string;
      frameCount: number;
      start: number;
      end: number;
      time: number[];
      tracks: { individual: string; x: (number | null)[]; y: (number | null)[]; confidence: (number | null)[] }[];
    };
    expect(json).toMatchObject({ source: 'jabs', formatVersion: '3', frameCount: 1800, start: 0, end: 3 });
    expect(json.time).toEqual([0, 1 / 30, 2 / 30]);
    // h5py: points[0:3, 0, 0] = (86, 654), (86, 653), (86, 654) as (y, x); slot 1 nose has confidence 0 from frame 1.
    expect(json.tracks[0]).toMatchObject({ individual: 'mouse_0', x: [654, 653, 654], y: [86, 86, 86] });
    expect(json.tracks[1]?.x.slice(1)).toEqual([null, null]);
  });

  it('--json alone means --format json; csv has one row per frame x individual x keypoint', async () => {
    const asJson = await run('pose', DLC, '--json', '--end', '2');
    expect(JSON.parse(asJson.stdout)).toMatchObject({
      source: 'dlc',
      keypoints: ['snout', 'leftear', 'rightear', 'tailbase'],
    });
    const csv = await run('pose', DLC, '--format', 'csv', '--start', '5', '--end', '8');
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('frame,time,individual,keypoint,x,y,confidence');
    expect(lines).toHaveLength(1 + 3 * 4);
    expect(lines[1]).toMatch(/^5,0\.1666666666666666\d*,ind1,snout,/);
  });

  it('--out writes the whole file atomically and leaves no temporary file', async () => {
    const out = join(base, 'pose.csv');
    const { code, stdout, stderr } = await run('pose', NDX, '--format', 'csv', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Wrote .*pose\.csv \(csv, 2 tracks x 10 frames/);
    const text = await readFile(out, 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(1 + 10 * 2);
    expect(await readdir(base)).toEqual(['pose.csv']);
  });

  it('a failed read leaves an existing --out file untouched', async () => {
    const out = join(base, 'keep.json');
    await writeFile(out, 'previous');
    const { code, stderr } = await run('pose', NDX, '--format', 'json', '--out', out, '--end', '11');
    expect(code).toBe(2);
    expect(stderr).toMatch(/end frame 11 is past the 10 frames/);
    expect(await readFile(out, 'utf8')).toBe('previous');
  });

  it.each([
    [['--start', '1.5'], /--start must be a frame number/],
    [['--format', 'xml'], /--format must be one of table, json, csv/],
    [['--keypoints', 'tail'], /has no keypoint "tail"/],
    [['--individual', 'mouse_9'], /has no individual "mouse_9"/],
    [['--fps', '0'], /--fps must be a positive number/],
  ])('refuses %j with exit code 2 and one sentence', async (flags, message) => {
    const { code, stderr } = await run('pose', JABS_V3, ...flags);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('stops quietly when the reader of stdout goes away (| head)', async () => {
    const bin = new URL('../../bin/ember-archive.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'pose', JABS_V3, '--format', 'csv'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = (await once(child, 'close')) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('a missing file is a not-found error naming it', async () => {
    const { code, stderr } = await run('pose', join(base, 'nope_pose_est_v2.h5'));
    expect(code).toBe(1);
    expect(stderr).toContain('nope_pose_est_v2.h5');
  });
});
