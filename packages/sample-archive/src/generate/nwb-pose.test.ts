import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BreathingTrace, FeedingPoseModel, FEEDING_BODY_PARTS } from './feeding-model.js';
import { loadH5wasm } from './hdf5-writer.js';
import { generateNwbPose, POSE_ESTIMATION_NAME, seriesName } from './nwb-pose.js';
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
import type { GeneratedFile, NwbPoseParams } from './types.js';

const base: NwbPoseParams = {
  seed: 463,
  subjectId: 'sub-ADPTM01',
  sessionId: 'ses-01',
  frames: 300,
  rate: 100,
  timing: 'rate',
};
const POSE = `/processing/behavior/${POSE_ESTIMATION_NAME}`;
const REAL_POSE = 'ndx-pose/0.3.0_poseestimation_one_camera.nwb';

let files: Record<'rate' | 'timestamps', GeneratedFile>;
let seen: Record<string, H5pyFile>;
let real: Record<string, H5pyFile>;

beforeAll(async () => {
  requireH5py();
  files = {
    rate: await generateNwbPose(base),
    timestamps: await generateNwbPose({ ...base, seed: 464, timing: 'timestamps', sex: 'F', age: 'P120D' }),
  };
  seen = describeBytes({ rate: files.rate.bytes, timestamps: files.timestamps.bytes });
  const names = [
    REAL_POSE,
    'nwb-core/2.1.0_nwbfile_with_extension.nwb',
    'nwb-core/2.2.0_subject_no_age__reference.nwb',
  ];
  const described = describePaths(
    names.map((n) => join(CORPUS, n)),
    false,
  );
  real = Object.fromEntries(names.map((n, i) => [n, described[i]!]));
});

function node(file: H5pyFile, path: string): H5pyNode {
  const n = byPath(file).get(path);
  if (!n) throw new Error(`h5py sees no ${path}`);
  return n;
}

function firstOfType(file: H5pyFile, type: string): H5pyNode {
  const n = file.nodes.find((x) => x.neurodata_type === type);
  if (!n) throw new Error(`no ${type}`);
  return n;
}

/** Attribute names and h5py dtypes of a node and of its child datasets, to compare typed objects across files. */
function attributeShape(file: H5pyFile, group: H5pyNode, children: string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const name of ['', ...children]) {
    const n = name === '' ? group : node(file, `${group.path}/${name}`);
    out[name || '.'] = Object.fromEntries(
      Object.entries(n.attr_types).map(([a, t]) => [a, `${t.dtype}${JSON.stringify(t.shape)}`]),
    );
  }
  return out;
}

describe('generated NWB files look like pynwb + ndx-pose files (h5py)', () => {
  it('has the root attributes, required datasets and groups of the corpus NWB file', () => {
    const expected = corpusExpected('0.3.0_poseestimation_one_camera.nwb');
    for (const file of Object.values(seen)) {
      expect(file.root_attrs).toEqual(expected.rootAttrs);
      expect(file.superblock).toBe(real[REAL_POSE]!.superblock);
      expect(file.libver).toEqual(real[REAL_POSE]!.libver);
      expect(file.root_attr_values['.specloc']).toEqual({ ref: '/specifications' });
      expect(file.root_attr_values['neurodata_type']).toBe('NWBFile');
      for (const path of [
        '/file_create_date',
        '/identifier',
        '/session_description',
        '/session_start_time',
        '/timestamps_reference_time',
        '/acquisition',
        '/analysis',
        '/general',
        '/processing',
        '/specifications',
        '/stimulus/presentation',
        '/stimulus/templates',
      ]) {
        const want = expected.nodes.get(path)!;
        const got = node(file, path);
        expect({ kind: got.kind, shape: got.shape, dtype: got.dtype, attrs: got.attrs }, path).toEqual({
          kind: want.kind,
          shape: want.shape,
          dtype: want.dtype,
          attrs: want.attrs,
        });
      }
      expect(Number.isNaN(Date.parse(node(file, '/session_start_time').value as string))).toBe(false);
      expect(node(file, '/session_description').value).toMatch(/[Ss]ynthetic/);
    }
  });

  it('gives every typed object the attributes, with the same dtypes, as the real files', () => {
    const pose = real[REAL_POSE]!;
    const cases: [string, H5pyFile, string, string[]][] = [
      ['ProcessingModule', pose, 'ProcessingModule', []],
      [
        'PoseEstimation',
        pose,
        'PoseEstimation',
        ['description', 'dimensions', 'original_videos', 'labeled_videos', 'scorer', 'source_software'],
      ],
      ['Skeletons', pose, 'Skeletons', []],
      ['Skeleton', pose, 'Skeleton', ['nodes', 'edges']],
      ['PoseEstimationSeries', pose, 'PoseEstimationSeries', ['data', 'confidence', 'reference_frame', 'timestamps']],
      [
        'Subject',
        real['nwb-core/2.2.0_subject_no_age__reference.nwb']!,
        'Subject',
        ['age', 'description', 'subject_id'],
      ],
    ];
    for (const [type, realFile, ours, children] of cases) {
      const file = seen['timestamps']!;
      const want = attributeShape(realFile, firstOfType(realFile, type), children);
      // Compare the series that holds the timestamps dataset itself (the others link to it).
      const ownsTimestamps = file.nodes
        .find((n) => n.kind === 'dataset' && n.path.endsWith('/timestamps'))!
        .path.replace(/\/timestamps$/, '');
      const group = type === 'PoseEstimationSeries' ? node(file, ownsTimestamps) : firstOfType(file, ours);
      const got = attributeShape(file, group, children);
      // Our age carries the NWB 2.6 `reference` attribute that this older real file lacks (hence its name).
      if (type === 'Subject') want['age'] = { reference: 'object[]' };
      expect(got, type).toEqual(want);
    }
    // The real device has no description or manufacturer; pynwb writes them as string attributes when given.
    const device = firstOfType(seen['rate']!, 'Device');
    expect(device.attrs).toEqual([...firstOfType(pose, 'Device').attrs, 'description', 'manufacturer'].sort());
    // A TimeSeries timed by starting_time + rate, as pynwb writes it (corpus nwb-core 2.1.0 test_ts).
    const realSeries = node(real['nwb-core/2.1.0_nwbfile_with_extension.nwb']!, '/acquisition/test_ts');
    const thermistor = firstOfType(seen['rate']!, 'TimeSeries');
    expect(attributeShape(seen['rate']!, thermistor, ['data', 'starting_time'])).toEqual({
      ...attributeShape(real['nwb-core/2.1.0_nwbfile_with_extension.nwb']!, realSeries, ['data', 'starting_time']),
      '.': attributeShape(seen['rate']!, thermistor, [])['.'],
    });
    expect(thermistor.attrs).toEqual(['comments', 'description', 'namespace', 'neurodata_type', 'object_id']);
  });

  it('lays out the pose as neuroconv does: one series per body part, a Skeleton, device and skeleton soft links', () => {
    for (const [timing, file] of Object.entries(seen)) {
      const truth = files[timing as 'rate' | 'timestamps'].truth;
      const series = file.nodes.filter((n) => n.neurodata_type === 'PoseEstimationSeries').map((n) => n.path);
      expect(series.sort()).toEqual(truth.keypoints.map((k) => `${POSE}/${seriesName(k)}`).sort());
      const skeleton = firstOfType(file, 'Skeleton');
      expect(node(file, `${skeleton.path}/nodes`).value).toEqual([...truth.keypoints]);
      expect(node(file, `${skeleton.path}/edges`).value).toEqual(truth.edges!.map((e) => [...e]));
      expect(node(file, `${skeleton.path}/edges`).dtype).toBe('uint8');
      const soft = file.links.filter(
        (l) => l.kind === 'soft' && l.path.split('/').length === POSE.split('/').length + 1,
      );
      expect(soft.map((l) => l.target).sort()).toEqual([skeleton.path, firstOfType(file, 'Device').path].sort());
      for (const path of series) {
        expect(node(file, `${path}/data`).shape).toEqual([truth.frames, 2]);
        expect(node(file, `${path}/data`).compression).toBe('gzip');
        expect(node(file, `${path}/confidence`).dtype).toBe('float64');
        expect(node(file, `${path}/reference_frame`).value).toMatch(/corner/);
      }
    }
  });

  it('times series by starting_time + rate, or by one timestamps dataset shared through a hard link and soft links', () => {
    const rate = seen['rate']!;
    for (const k of FEEDING_BODY_PARTS) {
      const start = node(rate, `${POSE}/${seriesName(k)}/starting_time`);
      expect(start.attr_values).toEqual({ rate: base.rate, unit: 'seconds' });
      expect(start.attr_types['rate']!.dtype).toBe('float64');
      expect(byPath(rate).has(`${POSE}/${seriesName(k)}/timestamps`)).toBe(false);
    }
    const stamped = seen['timestamps']!;
    const first = `${POSE}/${seriesName(FEEDING_BODY_PARTS[0])}/timestamps`;
    const second = `${POSE}/${seriesName(FEEDING_BODY_PARTS[1])}/timestamps`;
    const links = stamped.links.filter((l) => l.path.endsWith('/timestamps'));
    // h5py walks names in order and sees the hard-linked dataset once, under whichever name comes first.
    const hard = links.filter((l) => l.kind === 'hard');
    expect(hard).toHaveLength(1);
    expect([hard[0]!.path, hard[0]!.target].sort()).toEqual([first, second].sort());
    const soft = links.filter((l) => l.kind === 'soft');
    expect(soft.map((l) => l.path).sort()).toEqual(
      FEEDING_BODY_PARTS.slice(2)
        .map((k) => `${POSE}/${seriesName(k)}/timestamps`)
        .sort(),
    );
    for (const l of soft) expect(l.target).toBe(first);
    const dataset = node(stamped, hard[0]!.target);
    expect(dataset.attr_values).toEqual({ interval: 1, unit: 'seconds' });
    expect(dataset.attr_types['interval']!.dtype).toBe('int64');
  });
});

describe('values h5py reads equal the ground truth', () => {
  it.each(['rate', 'timestamps'] as const)(
    '%s: every series holds the truth x, y, confidence (NaN as NaN) and time',
    (timing) => {
      const { truth } = files[timing];
      const file = seen[timing]!;
      const nullable = (a: ArrayLike<number>): (number | null)[] => Array.from(a, (v) => (Number.isNaN(v) ? null : v));
      let missing = 0;
      truth.keypoints.forEach((k, i) => {
        const data = node(file, `${POSE}/${seriesName(k)}/data`).value as (number | null)[][];
        expect(data.map((row) => row[0])).toEqual(nullable(truth.x[0]![i]!));
        expect(data.map((row) => row[1])).toEqual(nullable(truth.y[0]![i]!));
        expect(node(file, `${POSE}/${seriesName(k)}/confidence`).value).toEqual(nullable(truth.confidence[0]![i]!));
        missing += data.filter((row) => row[0] === null).length;
      });
      if (timing === 'timestamps') {
        const stamps = file.nodes.find((n) => n.path.endsWith('/timestamps'))!.value as number[];
        expect(stamps).toEqual(Array.from(truth.time));
        const steps = stamps.slice(1).map((t, i) => t - stamps[i]!);
        expect(Math.min(...steps)).toBeGreaterThan(0);
        expect(Math.max(...steps)).not.toBe(Math.min(...steps));
      } else {
        const start = node(file, `${POSE}/${seriesName(truth.keypoints[0]!)}/starting_time`).value as number;
        truth.time.forEach((t, i) => expect(start + i / base.rate).toBeCloseTo(t, 9));
      }
      expect(truth.individuals).toEqual([base.subjectId]);
      expect(missing).toBeLessThan(truth.frames);
    },
  );

  it('writes a trials table with a text column and a ragged column whose index targets its data', () => {
    const file = seen['rate']!;
    const trials = node(file, '/intervals/trials');
    expect(trials.neurodata_type).toBe('TimeIntervals');
    expect(trials.attr_values['colnames']).toEqual(['start_time', 'stop_time', 'food_type', 'sniff_times']);
    const starts = node(file, '/intervals/trials/start_time').value as number[];
    const stops = node(file, '/intervals/trials/stop_time').value as number[];
    expect(node(file, '/intervals/trials/id').value).toEqual(starts.map((_, i) => i));
    expect(node(file, '/intervals/trials/id').dtype).toBe('int64');
    expect((node(file, '/intervals/trials/food_type').value as string[]).length).toBe(starts.length);
    const index = node(file, '/intervals/trials/sniff_times_index');
    expect(index.attr_values['target']).toEqual({ ref: '/intervals/trials/sniff_times' });
    expect(index.neurodata_type ?? index.attr_values['neurodata_type']).toBe('VectorIndex');
    const ends = index.value as number[];
    const sniffs = node(file, '/intervals/trials/sniff_times').value as number[];
    expect(ends).toHaveLength(starts.length);
    expect(ends[ends.length - 1]).toBe(sniffs.length);
    ends.forEach((end, i) => {
      expect(stops[i]!).toBeGreaterThan(starts[i]!);
      for (const t of sniffs.slice(i === 0 ? 0 : ends[i - 1], end)) {
        expect(t).toBeGreaterThanOrEqual(starts[i]!);
        expect(t).toBeLessThanOrEqual(stops[i]!);
      }
    });
    expect(starts.length).toBeGreaterThan(1);
  });

  it('records a 1 kHz synthetic thermistor trace spanning the video, and the subject', () => {
    const file = seen['timestamps']!;
    const data = node(file, '/acquisition/SyntheticThermistor/data');
    expect(data.dtype).toBe('int16');
    expect(data.shape).toEqual([(base.frames / base.rate) * 1000]);
    expect(node(file, '/acquisition/SyntheticThermistor/starting_time').attr_values['rate']).toBe(1000);
    expect(node(file, '/general/subject/species').value).toBe('Mus musculus');
    expect(node(file, '/general/subject/sex').value).toBe('F');
    expect(node(file, '/general/subject/age').value).toBe('P120D');
    expect(node(file, '/general/subject/age').attr_values).toEqual({ reference: 'birth' });
    expect(node(file, '/general/subject/subject_id').value).toBe(base.subjectId);
    expect(node(file, '/general/keywords').value).toContain('synthetic');
    expect(node(file, '/general/experimenter').shape).toEqual([1]);
    expect(node(file, '/general/related_publications').dtype).toBe('object');
  });

  it('caches the core, hdmf-common and ndx-pose namespaces as valid JSON naming their own sources', () => {
    const file = seen['rate']!;
    const cached = file.nodes.filter((n) => /^\/specifications\/[^/]+\/[^/]+\/namespace$/.test(n.path));
    expect(cached.map((n) => n.path.split('/')[2]).sort()).toEqual(['core', 'hdmf-common', 'ndx-pose']);
    for (const ns of cached) {
      const [, , name, version] = ns.path.split('/');
      const doc = JSON.parse(ns.value as string) as {
        namespaces: { name: string; version: string; schema: { source?: string }[] }[];
      };
      expect(doc.namespaces[0]!.name).toBe(name);
      expect(doc.namespaces[0]!.version).toBe(version);
      for (const { source } of doc.namespaces[0]!.schema) {
        if (source !== undefined)
          expect(() =>
            JSON.parse(node(file, `/specifications/${name}/${version}/${source}`).value as string),
          ).not.toThrow();
      }
      if (name === 'core') expect(version).toBe(file.root_attr_values['nwb_version']);
    }
  });
});

describe('determinism and streaming', () => {
  it('gives byte-identical files for the same parameters and different ones per seed; leaves no temp files', async () => {
    const a = await generateNwbPose({ ...base, frames: 20 });
    const b = await generateNwbPose({ ...base, frames: 20 });
    const c = await generateNwbPose({ ...base, frames: 20, seed: base.seed + 1 });
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(Buffer.from(a.bytes).equals(Buffer.from(c.bytes))).toBe(false);
    const m = await loadH5wasm();
    expect(m.FS.readdir('/').filter((name: string) => name.startsWith('ember-sample'))).toEqual([]);
  });

  it('streams the same pose and trace whatever the slice sizes', () => {
    const whole = new FeedingPoseModel(5, 120).next(50);
    const parts = new FeedingPoseModel(5, 120);
    const first = parts.next(17);
    const rest = parts.next(33);
    expect([...first.x[3]!, ...rest.x[3]!]).toEqual([...whole.x[3]!]);
    expect([...first.confidence[5]!, ...rest.confidence[5]!]).toEqual([...whole.confidence[5]!]);
    const trace = new BreathingTrace(5, 1000);
    const split = [...trace.next(300), ...trace.next(700)];
    expect(split).toEqual([...new BreathingTrace(5, 1000).next(1000)]);
  });

  it('rejects impossible parameters', async () => {
    await expect(generateNwbPose({ ...base, frames: 0 })).rejects.toThrow(RangeError);
    await expect(generateNwbPose({ ...base, rate: 0 })).rejects.toThrow(/rate/);
  });
});
