import { beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { guessChunks } from './chunks.js';
import { generateJabsPose } from './jabs-pose.js';
import { corpusExpected } from '../corpus.js';
import {
  byPath,
  CORPUS,
  describeBytes,
  describePaths,
  requireH5py,
  type H5pyFile,
  type H5pyNode,
} from './test-support/h5py.js';
import { JABS_KEYPOINTS, type GeneratedFile, type JabsPoseParams } from './types.js';

const VERSIONS = [2, 3, 4, 5, 6] as const;
const ITEM_SIZE: Record<string, number> = { uint8: 1, uint16: 2, uint32: 4, float32: 4, float64: 8, int32: 4, bool: 1 };
const params = (version: JabsPoseParams['version']): JabsPoseParams => ({
  seed: 40 + version,
  version,
  frames: 240,
  mice: version === 2 ? 1 : 3,
});

let generated: Record<number, GeneratedFile>;
let seen: Record<string, H5pyFile>;
let real: Record<string, H5pyFile>;

beforeAll(async () => {
  requireH5py();
  generated = {};
  for (const v of VERSIONS) generated[v] = await generateJabsPose(params(v));
  seen = describeBytes(Object.fromEntries(VERSIONS.map((v) => [`v${v}`, generated[v]!.bytes])));
  const [v2, v3] = describePaths(
    [join(CORPUS, 'jabs/sample_pose_est_v2.h5'), join(CORPUS, 'jabs/sample_pose_est_v3.h5')],
    false,
  );
  real = { v2: v2!, v3: v3! };
});

function node(file: H5pyFile, path: string): H5pyNode {
  const n = byPath(file).get(path);
  if (!n) throw new Error(`h5py sees no ${path}`);
  return n;
}

function flat(value: unknown): number[] {
  return (value as unknown[]).flat(Infinity as 1) as number[];
}

describe('generated JABS files look like the real ones (h5py)', () => {
  it.each([
    [2, 'sample_pose_est_v2.h5'],
    [3, 'sample_pose_est_v3.h5'],
  ] as const)('v%i has the paths, dtypes, attributes and axis order of corpus %s', (version, corpusFile) => {
    const expected = corpusExpected(corpusFile);
    const file = seen[`v${version}`]!;
    expect(file.nodes.map((n) => n.path).sort()).toEqual([...expected.nodes.keys()].sort());
    expect(file.root_attrs).toEqual(expected.rootAttrs);
    const slots = version === 2 ? undefined : 4;
    for (const [path, want] of expected.nodes) {
      const got = node(file, path);
      expect(got.kind, path).toBe(want.kind);
      // Points also carry the writer's `config`/`model` strings (saying the data are synthetic), as current JABS
      // writers add them (mouse-tracking-runtime writers.py write_pose_v2_data); the older samples have none.
      expect(got.attrs, path).toEqual(
        path === '/poseest/points' ? [...want.attrs, 'config', 'model'].sort() : want.attrs,
      );
      if (want.kind !== 'dataset') continue;
      expect(got.dtype, path).toBe(want.dtype);
      // Axis 0 is frames and axis 1 (v3) the instance slots; every other axis (12 keypoints, (y, x)) must match.
      const shape = [...want.shape!];
      shape[0] = params(version).frames;
      if (slots !== undefined && shape.length > 1) shape[1] = slots;
      expect(got.shape, path).toEqual(shape);
    }
  });

  it('chunks and compresses datasets as the real files do (gzip 6, h5py chunk shapes for the shape)', () => {
    for (const name of ['v2', 'v3']) {
      for (const want of real[name]!.nodes.filter((n) => n.kind === 'dataset')) {
        const got = node(seen[name]!, want.path);
        // The real chunks are h5py's guess for the real shape (chunks.test.ts), so ours must be its guess for ours.
        expect(want.chunks, want.path).toEqual(guessChunks(want.shape!, ITEM_SIZE[want.dtype!]!));
        expect(
          { chunks: got.chunks, compression: got.compression, level: got.compression_opts },
          `${name} ${want.path}`,
        ).toEqual({
          chunks: guessChunks(got.shape!, ITEM_SIZE[got.dtype!]!),
          compression: want.compression,
          level: want.compression_opts,
        });
        expect(got.maxshape, want.path).toEqual(got.shape);
      }
    }
    expect(node(seen['v3']!, '/poseest').attr_types['version']).toEqual(
      node(real['v3']!, '/poseest').attr_types['version'],
    );
  });

  it('writes the v4-v6 fields with the dtypes, ranks and attributes docs/pose-formats.md §1.4 gives', () => {
    const table: [number, string, string, number][] = [
      [4, '/poseest/id_mask', 'bool', 2],
      [4, '/poseest/instance_embed_id', 'uint32', 2],
      [4, '/poseest/identity_embeds', 'float32', 3],
      [4, '/poseest/instance_id_center', 'float64', 2],
      [5, '/static_objects/corners', 'uint16', 2],
      [5, '/static_objects/lixit', 'float32', 3],
      [5, '/static_objects/food_hopper', 'uint16', 2],
      [6, '/poseest/seg_data', 'int32', 5],
      [6, '/poseest/seg_external_flag', 'bool', 3],
      [6, '/poseest/instance_seg_id', 'uint32', 2],
      [6, '/poseest/longterm_seg_id', 'uint32', 2],
    ];
    for (const version of VERSIONS) {
      const paths = new Set(seen[`v${version}`]!.nodes.map((n) => n.path));
      for (const [since, path, dtype, rank] of table) {
        expect(paths.has(path), `v${version} ${path}`).toBe(version >= since);
        if (version < since) continue;
        const got = node(seen[`v${version}`]!, path);
        expect(got.dtype, path).toBe(dtype);
        expect(got.shape?.length, path).toBe(rank);
      }
      const poseest = node(seen[`v${version}`]!, '/poseest');
      if (version >= 3) expect(poseest.attr_values['version']).toEqual([version, 0]);
      if (version >= 5) {
        expect(poseest.attr_types['cm_per_pixel']).toEqual({ dtype: 'float32', shape: [] });
        expect(poseest.attr_values['cm_per_pixel_source']).toBe('corner_detection');
      }
    }
    const v6 = seen['v6']!;
    expect(node(v6, '/poseest/seg_data').chunks).toEqual([1, 4, 1, 32, 2]);
    expect(node(v6, '/poseest/identity_embeds').attrs).toEqual(['config', 'model']);
    for (const version of VERSIONS)
      expect(String(node(seen[`v${version}`]!, '/poseest/points').attr_values['model'])).toMatch(/synthetic/);
  });
});

describe('values h5py reads equal the ground truth', () => {
  it.each(VERSIONS)('v%i: (y, x) storage holds the truth (x, y); missing points are 0 with confidence 0', (version) => {
    const { truth } = generated[version]!;
    const file = seen[`v${version}`]!;
    const points = flat(node(file, '/poseest/points').value);
    const confidence = flat(node(file, '/poseest/confidence').value);
    const slots = version === 2 ? 1 : node(file, '/poseest/points').shape![1]!;
    const trackIds = version === 2 ? undefined : flat(node(file, '/poseest/instance_track_id').value);
    const embedIds = version >= 4 ? flat(node(file, '/poseest/instance_embed_id').value) : undefined;
    const counts = version === 2 ? undefined : flat(node(file, '/poseest/instance_count').value);
    // Build what the file must hold from the truth, then compare in bulk.
    const wantPoints: number[] = [];
    const wantConfidence: number[] = [];
    const wantEmbedIds: number[] = [];
    let present = 0;
    for (let f = 0; f < truth.frames; f++) {
      for (let s = 0; s < slots; s++) {
        const track = trackIds?.[f * slots + s];
        // Which mouse is in this slot: by tracklet id (v3+); padding slots come last and hold zeros.
        const mouse = track === undefined ? 0 : track === 0 ? -1 : truth.trackIds!.findIndex((ids) => ids[f] === track);
        if (counts !== undefined) expect(mouse >= 0, `frame ${f} slot ${s}`).toBe(s < counts[f]!);
        wantEmbedIds.push(mouse + 1);
        for (let k = 0; k < JABS_KEYPOINTS.length; k++) {
          const x = mouse < 0 ? Number.NaN : truth.x[mouse]![k]![f]!;
          const y = mouse < 0 ? Number.NaN : truth.y[mouse]![k]![f]!;
          if (!Number.isNaN(x)) present += 1;
          wantPoints.push(Number.isNaN(y) ? 0 : y, Number.isNaN(x) ? 0 : x);
          wantConfidence.push(mouse < 0 ? 0 : truth.confidence[mouse]![k]![f]!);
        }
      }
    }
    expect(points).toEqual(wantPoints);
    expect(confidence).toEqual(wantConfidence);
    if (embedIds) expect(embedIds).toEqual(wantEmbedIds);
    // Missing points are exactly those with zero confidence.
    expect(confidence.filter((c) => c === 0).length).toBe(wantConfidence.length - present);
    expect(present).toBeGreaterThan(truth.frames * truth.individuals.length * 10);
  });

  it('static objects: corners are stored (x, y), lixit and food hopper (y, x); cm_per_pixel as in the truth', () => {
    for (const version of [5, 6] as const) {
      const { truth } = generated[version]!;
      const file = seen[`v${version}`]!;
      expect(node(file, '/static_objects/corners').value).toEqual(truth.staticObjects!['corners']!.map((p) => [...p]));
      const lixit = (node(file, '/static_objects/lixit').value as number[][][])[0]!;
      expect(lixit.map(([y, x]) => [x, y])).toEqual(truth.staticObjects!['lixit']!.map((p) => [...p]));
      const hopper = node(file, '/static_objects/food_hopper').value as number[][];
      expect(hopper.map(([y, x]) => [x, y])).toEqual(truth.staticObjects!['food_hopper']!.map((p) => [...p]));
      expect(node(file, '/poseest').attr_values['cm_per_pixel']).toBe(truth.cmPerPixel);
    }
  });

  it('id_mask marks padding (1) and real instances (0), numpy-mask style', () => {
    const file = seen['v4']!;
    const mask = flat(node(file, '/poseest/id_mask').value) as unknown as boolean[];
    const counts = flat(node(file, '/poseest/instance_count').value);
    const slots = node(file, '/poseest/id_mask').shape![1]!;
    counts.forEach((count, f) => {
      for (let s = 0; s < slots; s++) expect(mask[f * slots + s]).toBe(s >= count);
    });
  });
});

describe('the mouse model', () => {
  it('moves smoothly, keeps the body shape, and leaves realistic gaps and confidences', () => {
    const { truth } = generated[4]!;
    const spine = JABS_KEYPOINTS.indexOf('center_spine');
    const nose = JABS_KEYPOINTS.indexOf('nose');
    const baseTail = JABS_KEYPOINTS.indexOf('base_tail');
    let missing = 0;
    let total = 0;
    let aboveOne = 0;
    let moved = 0;
    for (let m = 0; m < truth.individuals.length; m++) {
      for (let f = 1; f < truth.frames; f++) {
        const step = Math.hypot(
          truth.x[m]![spine]![f]! - truth.x[m]![spine]![f - 1]!,
          truth.y[m]![spine]![f]! - truth.y[m]![spine]![f - 1]!,
        );
        // At most a running mouse's stride per frame (NaN steps, where a point is missing, are skipped).
        if (!Number.isNaN(step)) expect(step).toBeLessThan(30);
        if (step > 1.5) moved += 1;
        const body = Math.hypot(
          truth.x[m]![nose]![f]! - truth.x[m]![baseTail]![f]!,
          truth.y[m]![nose]![f]! - truth.y[m]![baseTail]![f]!,
        );
        if (!Number.isNaN(body)) expect(body).toBeGreaterThan(70);
        if (!Number.isNaN(body)) expect(body).toBeLessThan(140);
        for (let k = 0; k < JABS_KEYPOINTS.length; k++) {
          total += 1;
          if (Number.isNaN(truth.x[m]![k]![f]!)) missing += 1;
          if (truth.confidence[m]![k]![f]! > 1) aboveOne += 1;
          const x = truth.x[m]![k]![f]!;
          if (!Number.isNaN(x)) expect(x).toBeGreaterThan(0);
        }
      }
    }
    expect(missing / total).toBeGreaterThan(0.005);
    expect(missing / total).toBeLessThan(0.2);
    expect(aboveOne / total).toBeGreaterThan(0.5);
    expect(moved / (truth.frames * truth.individuals.length)).toBeGreaterThan(0.2);
  });
});

describe('determinism and errors', () => {
  it('gives byte-identical files for the same parameters, whatever the clock says, and different ones per seed', async () => {
    const a = await generateJabsPose({ seed: 9, version: 6, frames: 30, mice: 2 });
    const later = vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2031, 0, 1));
    const b = await generateJabsPose({ seed: 9, version: 6, frames: 30, mice: 2 });
    later.mockRestore();
    const c = await generateJabsPose({ seed: 10, version: 6, frames: 30, mice: 2 });
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(Buffer.from(c.bytes).equals(Buffer.from(a.bytes))).toBe(false);
  });

  it('rejects parameters no JABS file could have', async () => {
    await expect(generateJabsPose({ seed: 1, version: 2, frames: 10, mice: 2 })).rejects.toThrow(/exactly one mouse/);
    await expect(generateJabsPose({ seed: 1, version: 3, frames: 0, mice: 2 })).rejects.toThrow(RangeError);
    await expect(generateJabsPose({ seed: 1, version: 4, frames: 10, mice: 3, instanceSlots: 2 })).rejects.toThrow(
      /instanceSlots/,
    );
  });
});
