// tree and cat end to end through main(), on real corpus files read in place and over HTTP Range.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './test-support/run-main.js';
import { corpusDir } from '@ember-archive/sample-archive';

const CORPUS = `${corpusDir()}/`;
const JABS = `${CORPUS}jabs/sample_pose_est_v3.h5`;
const NWB = `${CORPUS}ndx-pose/0.3.0_poseestimation_one_camera.nwb`;

const run = (...argv: string[]) => runMain(argv);

// A minimal Range server over the corpus folder (GET with Range only).
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = `${CORPUS}${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1)}`;
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      res.writeHead(404).end();
      return;
    }
    const match = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!match) {
      res.writeHead(200, { 'content-length': String(size) });
      createReadStream(path).pipe(res);
      return;
    }
    const start = Number(match[1]);
    const end = Math.min(Number(match[2]), size - 1);
    res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) });
    createReadStream(path, { start, end }).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('tree', () => {
  it('prints { nodes: [{ path, kind, shape, dtype, attrs }] } with decoded attributes', async () => {
    const { code, stdout } = await run('tree', NWB, '--json');
    expect(code).toBe(0);
    const { nodes } = JSON.parse(stdout) as { nodes: Record<string, unknown>[] };
    const root = nodes.find((n) => n.path === '/')!;
    expect(root).toMatchObject({ kind: 'group', attrs: { neurodata_type: 'NWBFile', nwb_version: '2.9.0' } });
    const data = nodes.find((n) => n.path === '/processing/behavior/PoseEstimation/front_left_paw/data')!;
    expect(Object.keys(data)).toEqual(['path', 'kind', 'shape', 'dtype', 'attrs']);
    expect(data).toMatchObject({
      kind: 'dataset',
      shape: [10, 2],
      dtype: 'float64',
      attrs: { unit: expect.any(String) },
    });
    // The second series shares the first one's timestamps through a link, reported as a link with its target.
    const timestamps = nodes.filter((n) => String(n.path).endsWith('paw/timestamps'));
    expect(timestamps.map((n) => n.kind)).toEqual(['dataset', 'soft-link']);
    expect(timestamps[1]).toMatchObject({ target: '/processing/behavior/PoseEstimation/front_left_paw/timestamps' });
  });

  it('reads a remote file by ranges and reports --stats', async () => {
    const { code, stdout } = await run('tree', `${base}/jabs/sample_pose_est_v3.h5`, '--json', '--stats');
    expect(code).toBe(0);
    const { nodes, stats } = JSON.parse(stdout) as {
      nodes: { path: string }[];
      stats: { requests: number; bytesFetched: number; fileSize: number };
    };
    expect(nodes.map((n) => n.path)).toContain('/poseest/points');
    expect(stats.fileSize).toBe(readFileSync(JABS).length);
    expect(stats.requests).toBeGreaterThan(0);
    expect(stats.bytesFetched).toBeLessThan(stats.fileSize);
  });

  it('adds bytes on disk and fill values with --storage (as h5py reports them)', async () => {
    const json = await run('tree', JABS, '--json', '--storage');
    const { nodes } = JSON.parse(json.stdout) as { nodes: Record<string, unknown>[] };
    const points = nodes.find((n) => n.path === '/poseest/points')!;
    // h5py: ds.id.get_storage_size() 66057, ds.fillvalue 0
    expect(points).toMatchObject({ storageSize: 66057, fillValue: 0 });
    expect(Object.keys(points)).toEqual(['path', 'kind', 'shape', 'dtype', 'storageSize', 'fillValue', 'attrs']);
    const text = await run('tree', `${JABS}#/poseest`, '--storage');
    expect(text.stdout).toContain('  points  uint16 [1800, 5, 12, 2]  (66057 bytes on disk, fill 0)');
  });

  it('prints an indented tree for humans and limits it to #/path', async () => {
    const { stdout } = await run('tree', `${JABS}#/poseest`);
    expect(stdout.split('\n')[0]).toBe('poseest/');
    expect(stdout).toContain('  points  uint16 [1800, 5, 12, 2]');
  });
});

describe('cat', () => {
  it('prints a slice as rows of the last axis, and as nested JSON', async () => {
    const text = await run('cat', JABS, '/poseest/points', '--slice', '0:2,0,0:3');
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('86\t654\n118\t619\n118\t636\n86\t653\n118\t623\n118\t637\n');
    const json = await run(
      'cat',
      `${base}/jabs/sample_pose_est_v3.h5`,
      '/poseest/points',
      '--slice',
      '0:2,0,0:3',
      '--json',
    );
    expect(JSON.parse(json.stdout)).toEqual({
      path: '/poseest/points',
      shape: [2, 3, 2],
      dtype: 'uint16',
      values: [
        [
          [86, 654],
          [118, 619],
          [118, 636],
        ],
        [
          [86, 653],
          [118, 623],
          [118, 637],
        ],
      ],
      // h5py: ds.fillvalue 0, ds.id.get_storage_size() 66057
      fillValue: 0,
      storageSize: 66057,
    });
  });

  it('prints strings and scalars, taking the dataset from #/path', async () => {
    expect((await run('cat', `${NWB}#/session_description`)).stdout).toBe('session_description\n');
    expect((await run('cat', NWB, '/processing/behavior/Skeletons/subject/nodes')).stdout).toBe(
      'front_left_paw\nfront_right_paw\n',
    );
  });

  it('fails with one sentence for a missing dataset or a bad slice', async () => {
    const missing = await run('cat', JABS, '/nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('ember-archive: Nothing exists at /nope in this file.\n');
    const bad = await run('cat', JABS, '/poseest/points', '--slice', '0:x');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const json = await run('cat', JABS, '/poseest/points', '--slice', '99999', '--json');
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'invalid-input' } });
  });
});
