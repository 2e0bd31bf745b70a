// `nwb` and `pose` on files of the sample archive named every way users name them: s3:// URIs (with spaces), bucket
// URLs and dandi:// paths whose bytes are blobs (the JABS version then comes from the asset path, not the URL).
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './test-support/run-main.js';

let sample: RunningSampleArchive;
beforeAll(async () => {
  sample = await startSampleArchive();
});
afterAll(async () => {
  await sample?.close();
});

const run = (...argv: string[]) => runMain(argv, { env: { EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 } });

async function list(target: string): Promise<{ kind: string; name: string; uri: string }[]> {
  const { code, stdout, stderr } = await run('ls', target, '--json');
  if (code !== 0) throw new Error(stderr);
  return JSON.parse(stdout) as { kind: string; name: string; uri: string }[];
}

async function firstNwb(folder: string): Promise<string> {
  for (const entry of await list(folder)) {
    if (entry.kind === 'file' && entry.name.endsWith('.nwb')) return entry.uri;
    if (entry.kind === 'folder') {
      const found = await firstNwb(entry.uri).catch(() => '');
      if (found) return found;
    }
  }
  return '';
}

describe('nwb and pose over the sample archive', () => {
  it('pose on an s3:// URI with spaces: the JABS version comes from the key', async () => {
    const poses = await list('s3://ember-open-data/other/kumar2025/pose_files/');
    const v4 = poses.find((p) => p.name.endsWith('_pose_est_v4.h5'));
    expect(v4).toBeDefined();
    const { code, stdout, stderr } = await run(
      'pose',
      v4!.uri,
      '--format',
      'json',
      '--end',
      '5',
      '--keypoints',
      'nose',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { source: string; formatVersion: string; end: number; tracks: unknown[] };
    expect(json).toMatchObject({ source: 'jabs', formatVersion: '4', end: 5 });
    expect(json.tracks.length).toBeGreaterThan(0);
    const spaced = poses.find((p) => p.name.includes(' '));
    expect((await run('pose', spaced!.uri, '--end', '30')).stdout).toMatch(/Format:\s+jabs 2/);
  });

  it('nwb and pose on a dandiset path (bytes served from a blob key)', async () => {
    const uri = await firstNwb('dandi://ember-dandi/000463@draft/');
    expect(uri).toMatch(/^dandi:\/\/.*\.nwb$/);
    const summary = await run('nwb', uri, '--json');
    expect(summary.code).toBe(0);
    const parsed = JSON.parse(summary.stdout) as {
      namespaces: { name: string }[];
      processing: { interfaces: { neurodataType?: string }[] }[];
    };
    expect(parsed.namespaces.map((n) => n.name)).toContain('ndx-pose');
    expect(parsed.processing.flatMap((m) => m.interfaces.map((i) => i.neurodataType))).toContain('PoseEstimation');
    const pose = await run('pose', uri, '--start', '10', '--end', '20');
    expect(pose.code).toBe(0);
    expect(pose.stdout).toMatch(/Format:\s+ndx-pose /);
    expect(pose.stdout).toContain('Frames:        10..20 of');
  });
});
