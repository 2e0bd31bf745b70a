import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { guessChunks } from './chunks.js';
import { generateSleapAnalysis } from './sleap-analysis.js';
import { generateSleapPredictions, SLEAP_SAMPLE_EDGES, SLEAP_SAMPLE_NODES } from './sleap-labels.js';
import {
  byPath,
  CORPUS,
  describePaths,
  readWithH5py,
  requireH5py,
  type H5pyFile,
  type H5pyNode,
} from './test-support/h5py.js';
import type { GeneratedFile } from './types.js';

const PARAMS = { seed: 7, frames: 90, animals: 2, videoFilename: 'arena.mp4' } as const;
const ITEM_SIZE: Record<string, number> = { uint8: 1, float64: 8 };

let dir: string;
let path: string;
let generated: GeneratedFile;
let predictions: GeneratedFile;
let seen: H5pyFile;
let real: H5pyFile;

beforeAll(async () => {
  requireH5py();
  generated = await generateSleapAnalysis({ ...PARAMS, labelsPath: 'arena.mp4.predictions.slp' });
  predictions = await generateSleapPredictions(PARAMS);
  dir = mkdtempSync(join(tmpdir(), 'ember-sleap-analysis-'));
  path = join(dir, 'arena.mp4.000_arena.analysis.h5');
  writeFileSync(path, generated.bytes);
  // Without values: positions are NaN where points are lost, which the description's JSON cannot hold.
  [seen] = describePaths([path], false) as [H5pyFile];
  [real] = describePaths([join(CORPUS, 'sleap/small_robot.000_small_robot_3_frame.analysis.h5')], false) as [H5pyFile];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function node(file: H5pyFile, at: string): H5pyNode {
  const n = byPath(file).get(at);
  if (!n) throw new Error(`h5py sees no ${at}`);
  return n;
}

// h5py's values as [track][...][frame] nested lists, NaN as null.
const read = (dataset: string) => readWithH5py(path, dataset) as unknown[];
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

describe('generated SLEAP analysis exports look like the real one (h5py)', () => {
  it("has the corpus export's datasets, dtypes, ranks, compression and attributes", () => {
    expect(seen.nodes.map((n) => n.path).sort()).toEqual(real.nodes.map((n) => n.path).sort());
    expect(seen.root_attrs).toEqual(real.root_attrs);
    for (const want of real.nodes) {
      const got = node(seen, want.path);
      expect(got.kind, want.path).toBe(want.kind);
      expect(got.attrs, want.path).toEqual(want.attrs);
      expect(got.shape?.length, want.path).toBe(want.shape?.length);
      expect({ compression: got.compression, level: got.compression_opts }, want.path).toEqual({
        compression: want.compression,
        level: want.compression_opts,
      });
      // Fixed-length names are one byte longer (null-terminated, see sleap-analysis.ts); the corpus project had no
      // tracks, so its track_names is h5py's empty float64 list, where ours names them; every other dtype is equal.
      if (want.dtype?.startsWith('|S') || want.path === '/track_names') {
        expect(got.dtype, want.path).toMatch(/^\|S\d+$/);
      } else expect(got.dtype, want.path).toBe(want.dtype);
      if (got.compression === 'gzip') {
        expect(got.chunks, want.path).toEqual(guessChunks(got.shape ?? [], ITEM_SIZE[got.dtype ?? ''] ?? 0));
      }
    }
  });

  it("stores arrays in SLEAP's default (MATLAB) order: tracks (tracks, 2, nodes, frames)", () => {
    const T = PARAMS.animals;
    const K = SLEAP_SAMPLE_NODES.length;
    const F = PARAMS.frames;
    expect(node(seen, '/tracks').shape).toEqual([T, 2, K, F]);
    expect(node(seen, '/point_scores').shape).toEqual([T, K, F]);
    expect(node(seen, '/track_occupancy').shape).toEqual([F, T]);
    expect(node(seen, '/instance_scores').shape).toEqual([T, F]);
    expect(node(seen, '/tracking_scores').shape).toEqual([T, F]);
  });

  it('holds the names, skeleton and provenance of the predictions file it exports', () => {
    expect(read('/node_names')).toEqual([...SLEAP_SAMPLE_NODES]);
    expect(read('/track_names')).toEqual(['track_0', 'track_1']);
    expect(read('/edge_inds')).toEqual(SLEAP_SAMPLE_EDGES.map(([a, b]) => [a, b]));
    expect(read('/edge_names')).toEqual(
      SLEAP_SAMPLE_EDGES.map(([a, b]) => [SLEAP_SAMPLE_NODES[a], SLEAP_SAMPLE_NODES[b]]),
    );
    expect(read('/labels_path')).toBe('arena.mp4.predictions.slp');
    expect(read('/video_path')).toBe('arena.mp4');
    expect(read('/video_ind')).toBe(0);
    expect(JSON.parse(String(read('/provenance')))).toMatchObject({ note: expect.stringContaining('synthetic') });
  });

  it('holds the truth: positions, point scores and occupancy as h5py reads them', () => {
    const { truth } = generated;
    const tracks = read('/tracks') as (number | null)[][][][];
    const scores = read('/point_scores') as (number | null)[][][];
    const occupancy = read('/track_occupancy') as number[][];
    let lost = 0;
    let absent = 0;
    for (let t = 0; t < truth.individuals.length; t++) {
      for (let k = 0; k < truth.keypoints.length; k++) {
        expect(tracks[t]?.[0]?.[k], `x ${t} ${k}`).toEqual(Array.from(truth.x[t]?.[k] ?? [], orNull));
        expect(tracks[t]?.[1]?.[k], `y ${t} ${k}`).toEqual(Array.from(truth.y[t]?.[k] ?? [], orNull));
        expect(scores[t]?.[k], `score ${t} ${k}`).toEqual(Array.from(truth.confidence[t]?.[k] ?? [], orNull));
      }
      for (let f = 0; f < truth.frames; f++) {
        const detected = truth.x[t]?.some((x) => !Number.isNaN(x[f] ?? Number.NaN)) ?? false;
        expect(occupancy[f]?.[t], `occupancy ${f} ${t}`).toBe(detected ? 1 : 0);
        if (!detected) absent++;
        else if (truth.confidence[t]?.some((c) => c[f] === 0)) lost++;
      }
    }
    // The file exercises both kinds of missing data a reader must tell apart.
    expect(absent).toBeGreaterThan(0);
    expect(lost).toBeGreaterThan(0);
  });

  it('exports the predictions file of the same parameters: same positions, scores 0 (not NaN) for lost points', () => {
    const exported = generated.truth;
    const labelled = predictions.truth;
    expect(exported.x).toEqual(labelled.x);
    expect(exported.y).toEqual(labelled.y);
    for (let t = 0; t < exported.individuals.length; t++) {
      for (let k = 0; k < exported.keypoints.length; k++) {
        for (let f = 0; f < exported.frames; f++) {
          const want = labelled.confidence[t]?.[k]?.[f] ?? Number.NaN;
          const got = exported.confidence[t]?.[k]?.[f];
          const detected = labelled.x[t]?.some((x) => !Number.isNaN(x[f] ?? Number.NaN));
          expect(got, `${t} ${k} ${f}`).toBe(Number.isNaN(want) && detected ? 0 : want);
        }
      }
    }
  });

  it('gives the same bytes for the same parameters, whenever it runs', async () => {
    vi.useFakeTimers({ now: new Date('2031-01-01T00:00:00Z'), toFake: ['Date'] });
    try {
      const again = await generateSleapAnalysis({ ...PARAMS, labelsPath: 'arena.mp4.predictions.slp' });
      expect(Buffer.from(again.bytes).equals(Buffer.from(generated.bytes))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    const other = await generateSleapAnalysis({ ...PARAMS, seed: 8 });
    expect(Buffer.from(other.bytes).equals(Buffer.from(generated.bytes))).toBe(false);
  });
});
