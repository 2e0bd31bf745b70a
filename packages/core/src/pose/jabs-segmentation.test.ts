import h5wasm, { FS } from 'h5wasm';
import { describe, expect, it } from 'vitest';
import { generateJabsPose } from '@ember-archive/sample-archive';
import { poseToJson } from './export.js';
import { readJabsPose } from './jabs.js';
import type { PoseContour, PoseData } from './model.js';
import { readPose } from './read-pose.js';
import { openTestFile, writeFixture } from './test-support/corpus.js';

interface RawSegmentation {
  shape: number[];
  seg: Int32Array;
  flags: ArrayLike<number>;
  longterm: ArrayLike<number>;
}

let rawId = 0;

// What the generator wrote, read whole with h5wasm directly (not through the windowed reader under test).
async function rawSegmentation(bytes: Uint8Array): Promise<RawSegmentation> {
  await h5wasm.ready;
  const path = `/raw-seg-${rawId++}.h5`;
  FS!.writeFile(path, bytes);
  const file = new h5wasm.File(path, 'r');
  try {
    const seg = file.get('poseest/seg_data') as InstanceType<typeof h5wasm.Dataset>;
    const values = (name: string) =>
      Array.from(
        (file.get(`poseest/${name}`) as InstanceType<typeof h5wasm.Dataset>).value as ArrayLike<number>,
        Number,
      );
    return {
      shape: seg.shape as number[],
      seg: seg.value as Int32Array,
      flags: values('seg_external_flag'),
      longterm: values('longterm_seg_id'),
    };
  } finally {
    file.close();
    FS!.unlink(path);
  }
}

// Contours of identity `identity` at frame f, as JABS pose_est_v6.py sorts them (seg slot with longterm id = identity + 1).
function expectedContours(raw: RawSegmentation, f: number, identity: number): PoseContour[] {
  const [, slots = 0, contours = 0, length = 0] = raw.shape;
  const out: PoseContour[] = [];
  for (let s = 0; s < slots; s++) {
    if (raw.longterm[f * slots + s] !== identity + 1) continue;
    for (let c = 0; c < contours; c++) {
      const points: [number, number][] = [];
      for (let p = 0; p < length; p++) {
        const at = (((f * slots + s) * contours + c) * length + p) * 2;
        if (raw.seg[at] === -1 && raw.seg[at + 1] === -1) continue;
        points.push([raw.seg[at] as number, raw.seg[at + 1] as number]);
      }
      if (points.length > 0) out.push({ external: raw.flags[(f * slots + s) * contours + c] !== 0, points });
    }
  }
  return out;
}

function framesOf(pose: PoseData, individual: string): PoseContour[][] {
  const track = pose.segmentation?.tracks.find((t) => t.individual === individual);
  expect(track).toBeDefined();
  return track!.frames;
}

describe('JABS v6 segmentation, round trip with the sample-archive generator', () => {
  it('the contours read equal what was written, in (x, y), per identity, external flags kept', async () => {
    const generated = await generateJabsPose({ seed: 61, version: 6, frames: 150, mice: 3 });
    const raw = await rawSegmentation(generated.bytes);
    const file = await openTestFile(generated.bytes, 'gen/seg_pose_est_v6.h5');
    const pose = await readPose(file, { units: 'pixels', segmentation: true });
    expect(pose.segmentation?.linkedBy).toBe('longterm_seg_id');
    expect(pose.segmentation?.dataset).toBe('/poseest/seg_data');
    expect(pose.segmentation?.tracks.map((t) => t.individual)).toEqual(pose.individuals);
    expect(pose.segmentation?.unmatchedContours).toBe(0);
    let contours = 0;
    pose.individuals.forEach((individual, identity) => {
      const frames = framesOf(pose, individual);
      expect(frames).toHaveLength(150);
      for (let f = 0; f < 150; f++) {
        expect(frames[f]).toEqual(expectedContours(raw, f, identity));
        contours += frames[f]!.length;
      }
    });
    expect(contours).toBeGreaterThan(150);
    await file.close();
  });

  it('each contour surrounds the keypoints of the individual it is given to (identity matching is right)', async () => {
    const generated = await generateJabsPose({ seed: 62, version: 6, frames: 120, mice: 3 });
    const file = await openTestFile(generated.bytes, 'gen/seg2_pose_est_v6.h5');
    const pose = await readPose(file, { units: 'pixels', segmentation: true });
    const { truth } = generated;
    let checked = 0;
    truth.individuals.forEach((individual, m) => {
      const frames = framesOf(pose, individual);
      for (let f = 0; f < truth.frames; f++) {
        const cx = truth.x[m]![6]![f]!; // center_spine
        const cy = truth.y[m]![6]![f]!;
        if (Number.isNaN(cx)) continue;
        const outline = frames[f]!.find((c) => c.external)!;
        expect(outline).toBeDefined();
        const mx = outline.points.reduce((a, [x]) => a + x, 0) / outline.points.length;
        const my = outline.points.reduce((a, [, y]) => a + y, 0) / outline.points.length;
        // Mice are over 100 px apart and the outline is ~120 px long: the nearest outline centre is within ~half a body.
        const others = truth.individuals.map((_, o) => o).filter((o) => o !== m && !Number.isNaN(truth.x[o]![6]![f]!));
        const mine = Math.hypot(mx - cx, my - cy);
        for (const o of others)
          expect(mine).toBeLessThan(Math.hypot(mx - truth.x[o]![6]![f]!, my - truth.y[o]![6]![f]!));
        checked += 1;
      }
    });
    expect(checked).toBeGreaterThan(200);
    await file.close();
  });

  it('a window [start, end) equals the same frames of a full read, and fetches a fraction of the contours', async () => {
    const generated = await generateJabsPose({ seed: 63, version: 6, frames: 3000, mice: 2 });
    const read = async (options: { start?: number; end?: number; segmentation?: boolean; individuals?: string[] }) => {
      const file = await openTestFile(generated.bytes, 'gen/w_pose_est_v6.h5');
      const pose = await readPose(file, options);
      const { bytesFetched } = file.stats();
      await file.close();
      return { pose, bytesFetched };
    };
    const whole = await read({ segmentation: true });
    const window = await read({ start: 1500, end: 1560, segmentation: true, individuals: ['mouse_1'] });
    expect(window.pose.segmentation?.tracks.map((t) => t.individual)).toEqual(['mouse_1']);
    expect(framesOf(window.pose, 'mouse_1')).toEqual(framesOf(whole.pose, 'mouse_1').slice(1500, 1560));
    const plain = await read({ start: 1500, end: 1560 });
    const wholePlain = await read({});
    expect(plain.pose.segmentation).toBeUndefined();
    // What the contours cost: 60 of 3000 frames must fetch a small part of the whole recording's contour bytes.
    const windowContours = window.bytesFetched - plain.bytesFetched;
    const wholeContours = whole.bytesFetched - wholePlain.bytesFetched;
    expect(windowContours).toBeGreaterThan(0);
    expect(windowContours).toBeLessThan(wholeContours / 8);
    // Why they are off by default: reading them more than doubles what a whole-file keypoint read fetches.
    expect(whole.bytesFetched).toBeGreaterThan(2 * wholePlain.bytesFetched);
  });

  it('contours are scaled to cm with the keypoints when the file gives cm_per_pixel', async () => {
    const generated = await generateJabsPose({ seed: 64, version: 6, frames: 20, mice: 2 });
    const file = await openTestFile(generated.bytes, 'gen/cm_pose_est_v6.h5');
    const pixels = await readPose(file, { units: 'pixels', segmentation: true });
    const cm = await readPose(file, { segmentation: true });
    expect(cm.unit).toBe('cm');
    const scale = cm.cmPerPixel!;
    const first = framesOf(pixels, 'mouse_0').find((f) => f.length > 0)!;
    const index = framesOf(pixels, 'mouse_0').indexOf(first);
    const scaled = framesOf(cm, 'mouse_0')[index]!;
    expect(scaled[0]!.points[0]![0]).toBeCloseTo(first[0]!.points[0]![0] * scale, 9);
    expect(scaled[0]!.points[0]![1]).toBeCloseTo(first[0]!.points[0]![1] * scale, 9);
    await file.close();
  });
});

describe('files and reads without segmentation are unchanged', () => {
  it.each([4, 5] as const)('v%s: asking for segmentation adds nothing and changes nothing', async (version) => {
    const generated = await generateJabsPose({ seed: 70 + version, version, frames: 60, mice: 2 });
    const file = await openTestFile(generated.bytes, `gen/n_pose_est_v${version}.h5`);
    const asked = await readPose(file, { segmentation: true });
    const plain = await readPose(file);
    expect('segmentation' in asked).toBe(false);
    expect(poseToJson(asked)).toEqual(poseToJson(plain));
    await file.close();
  });

  it('v6 read without the flag has no segmentation, in the model or the JSON export', async () => {
    const generated = await generateJabsPose({ seed: 75, version: 6, frames: 30, mice: 2 });
    const file = await openTestFile(generated.bytes, 'gen/p_pose_est_v6.h5');
    const plain = await readPose(file);
    const asked = await readPose(file, { segmentation: true });
    expect('segmentation' in plain).toBe(false);
    expect('segmentation' in poseToJson(plain)).toBe(false);
    const json = poseToJson(asked);
    expect(json.segmentation?.tracks).toHaveLength(2);
    // The rest of the export is the same whether or not segmentation was read.
    const { segmentation: _, ...rest } = json;
    expect(rest).toEqual(poseToJson(plain));
    expect(JSON.parse(JSON.stringify(json)).segmentation.tracks[0].frames[0][0].points[0]).toHaveLength(2);
    await file.close();
  });
});

// A hand-made v6 file: 2 frames, 2 pose slots, 3 seg slots in a different order from the pose slots, 2 contours of up
// to 4 points; identity 0 is embed id 1 (track 7), identity 1 is embed id 2 (track 9).
interface FixtureLinks {
  longterm?: number[];
  instance?: number[];
}

async function segFixture(links: FixtureLinks): Promise<Uint8Array> {
  const F = 2;
  const I = 2;
  const S = 3;
  const C = 2;
  const L = 4;
  const seg = new Int32Array(F * S * C * L * 2).fill(-1);
  const flags = new Uint8Array(F * S * C);
  const put = (f: number, s: number, c: number, points: [number, number][], external: boolean) => {
    points.forEach(([x, y], p) => {
      const at = (((f * S + s) * C + c) * L + p) * 2;
      seg[at] = x;
      seg[at + 1] = y;
    });
    flags[(f * S + s) * C + c] = external ? 1 : 0;
  };
  // Frame 0: seg slot 0 is identity 1 (an outline with a hole), slot 1 identity 0, slot 2 an unlinked blob.
  put(
    0,
    0,
    0,
    [
      [100, 10],
      [140, 10],
      [140, 50],
      [100, 50],
    ],
    true,
  );
  put(
    0,
    0,
    1,
    [
      [110, 20],
      [120, 20],
      [115, 30],
    ],
    false,
  );
  put(
    0,
    1,
    0,
    [
      [5, 300],
      [25, 300],
      [15, 320],
    ],
    true,
  );
  put(
    0,
    2,
    0,
    [
      [700, 700],
      [710, 700],
      [705, 710],
    ],
    true,
  );
  // Frame 1: only identity 0, in seg slot 2.
  put(
    1,
    2,
    0,
    [
      [6, 301],
      [26, 301],
      [16, 321],
      [6, 321],
    ],
    true,
  );
  return writeFixture((file) => {
    const poseest = file.create_group('poseest');
    const confidence = new Float32Array(F * I * 12).fill(1);
    const points = new Uint16Array(F * I * 12 * 2).fill(3);
    poseest.create_dataset({ name: 'points', data: points, shape: [F, I, 12, 2], dtype: '<H' });
    poseest.create_dataset({ name: 'confidence', data: confidence, shape: [F, I, 12], dtype: '<f' });
    poseest.create_dataset({ name: 'instance_count', data: new Uint8Array([2, 1]), shape: [F], dtype: '<B' });
    // Pose slots: frame 0 = [identity 0 (track 7), identity 1 (track 9)], frame 1 = [identity 0 (track 7)].
    poseest.create_dataset({
      name: 'instance_track_id',
      data: new Uint32Array([7, 9, 7, 0]),
      shape: [F, I],
      dtype: '<I',
    });
    poseest.create_dataset({ name: 'id_mask', data: new Uint8Array([0, 0, 0, 1]), shape: [F, I], dtype: '<B' });
    poseest.create_dataset({
      name: 'instance_embed_id',
      data: new Uint32Array([1, 2, 1, 0]),
      shape: [F, I],
      dtype: '<I',
    });
    poseest.create_dataset({ name: 'seg_data', data: seg, shape: [F, S, C, L, 2], dtype: '<i' });
    poseest.create_dataset({ name: 'seg_external_flag', data: flags, shape: [F, S, C], dtype: '<B' });
    if (links.longterm)
      poseest.create_dataset({
        name: 'longterm_seg_id',
        data: Uint32Array.from(links.longterm),
        shape: [F, S],
        dtype: '<I',
      });
    if (links.instance)
      poseest.create_dataset({
        name: 'instance_seg_id',
        data: Uint32Array.from(links.instance),
        shape: [F, S],
        dtype: '<I',
      });
  });
}

const IDENTITY_0 = [
  [
    {
      external: true,
      points: [
        [5, 300],
        [25, 300],
        [15, 320],
      ],
    },
  ],
  [
    {
      external: true,
      points: [
        [6, 301],
        [26, 301],
        [16, 321],
        [6, 321],
      ],
    },
  ],
];
const IDENTITY_1 = [
  [
    {
      external: true,
      points: [
        [100, 10],
        [140, 10],
        [140, 50],
        [100, 50],
      ],
    },
    {
      external: false,
      points: [
        [110, 20],
        [120, 20],
        [115, 30],
      ],
    },
  ],
  [],
];

describe('JABS v6 segmentation, matching seg slots to individuals', () => {
  it('longterm_seg_id: seg slot with id n goes to identity n - 1, whatever its slot; unlinked contours are counted', async () => {
    const bytes = await segFixture({ longterm: [2, 1, 0, 0, 0, 1] });
    const file = await openTestFile(bytes, 'fix/a_pose_est_v6.h5');
    const pose = await readJabsPose(file, { segmentation: true });
    expect(pose.individuals).toEqual(['mouse_0', 'mouse_1']);
    expect(pose.segmentation?.linkedBy).toBe('longterm_seg_id');
    expect(framesOf(pose, 'mouse_0')).toEqual(IDENTITY_0);
    expect(framesOf(pose, 'mouse_1')).toEqual(IDENTITY_1);
    expect(pose.segmentation?.unmatchedContours).toBe(1);
    const one = await readJabsPose(file, { segmentation: true, start: 1, end: 2, individuals: ['mouse_1'] });
    expect(one.segmentation?.tracks).toEqual([{ individual: 'mouse_1', frames: [[]] }]);
    await file.close();
  });

  it('instance_seg_id alone: matched through the pose instance with the same instance_track_id in that frame', async () => {
    const bytes = await segFixture({ instance: [9, 7, 4, 0, 0, 7] });
    const file = await openTestFile(bytes, 'fix/b_pose_est_v6.h5');
    const pose = await readJabsPose(file, { segmentation: true });
    expect(pose.segmentation?.linkedBy).toBe('instance_seg_id');
    expect(framesOf(pose, 'mouse_0')).toEqual(IDENTITY_0);
    expect(framesOf(pose, 'mouse_1')).toEqual(IDENTITY_1);
    expect(pose.segmentation?.unmatchedContours).toBe(1);
    await file.close();
  });

  it('no linking ids: nothing is attributed, every contour is counted as unmatched', async () => {
    const bytes = await segFixture({});
    const file = await openTestFile(bytes, 'fix/c_pose_est_v6.h5');
    const pose = await readJabsPose(file, { segmentation: true });
    expect(pose.segmentation?.linkedBy).toBe('none');
    expect(framesOf(pose, 'mouse_0')).toEqual([[], []]);
    expect(pose.segmentation?.unmatchedContours).toBe(5);
    await file.close();
  });

  it('a file named below v6 is read as that version, without segmentation (as JABS picks its reader by name)', async () => {
    const bytes = await segFixture({ longterm: [2, 1, 0, 0, 0, 1] });
    const file = await openTestFile(bytes, 'fix/d_pose_est_v4.h5');
    const pose = await readJabsPose(file, { segmentation: true });
    expect(pose.formatVersion).toBe('4');
    expect(pose.segmentation).toBeUndefined();
    await file.close();
  });
});
