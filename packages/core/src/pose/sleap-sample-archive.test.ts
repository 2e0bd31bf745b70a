// readPose over HTTP ranges on the SLEAP files the sample archive serves in dandiset 000475 (predictions `.slp` and
// their analysis exports), against the ground truth their generators give for the parameters the world used.
import {
  DEFAULT_SEED,
  generateSleapAnalysis,
  generateSleapPredictions,
  sampleSleapFiles,
  SLEAP_DANDISET,
  startSampleArchive,
  type PoseTruth,
  type RunningSampleArchive,
  type SampleSleapFile,
} from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchive, type Archive, type ArchiveEntry } from '../archive/archive.js';
import { loadConfig } from '../config.js';
import { openArchiveHdf5 } from '../hdf5/node/open-archive-hdf5.js';
import { findTrack, type PoseData, type ReadPoseOptions } from './model.js';
import { readPose } from './read-pose.js';

let sample: RunningSampleArchive;
let archive: Archive;
const FILES = sampleSleapFiles(DEFAULT_SEED);
const ROOT = `dandi://ember-dandi/${SLEAP_DANDISET}@draft`;

beforeAll(async () => {
  sample = await startSampleArchive();
  archive = createArchive(loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 }));
}, 120_000);

afterAll(async () => {
  await sample?.close();
});

async function truthOf(file: SampleSleapFile): Promise<PoseTruth> {
  const generate = file.kind === 'predictions' ? generateSleapPredictions : generateSleapAnalysis;
  return (await generate(file.params)).truth;
}

async function list(uri: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  for await (const page of archive.listEntries(archive.parse(uri))) entries.push(...page);
  return entries;
}

async function readRemote(file: SampleSleapFile, options: ReadPoseOptions = {}) {
  const { file: hdf5, location } = await openArchiveHdf5(archive, `${ROOT}/${file.path}`);
  try {
    const pose = await readPose(hdf5, options);
    return { pose, location, stats: hdf5.stats() };
  } finally {
    await hdf5.close();
  }
}

// Every selected track equals the truth over [start, end), NaN for NaN.
function expectTruth(pose: PoseData, truth: PoseTruth, start: number, end: number): void {
  for (const individual of pose.individuals) {
    for (const keypoint of pose.keypoints) {
      const a = truth.individuals.indexOf(individual);
      const k = truth.keypoints.indexOf(keypoint);
      const track = findTrack(pose, individual, keypoint);
      const label = `${individual} ${keypoint}`;
      expect(Array.from(track?.x ?? []), label).toEqual(Array.from(truth.x[a]?.[k]?.subarray(start, end) ?? []));
      expect(Array.from(track?.y ?? []), label).toEqual(Array.from(truth.y[a]?.[k]?.subarray(start, end) ?? []));
      expect(Array.from(track?.confidence ?? []), label).toEqual(
        Array.from(truth.confidence[a]?.[k]?.subarray(start, end) ?? []),
      );
    }
  }
}

describe('SLEAP files of the sample archive (000475)', () => {
  it('lists a predictions file and its analysis export per session in the subject folder', async () => {
    const subject = (await list(ROOT)).find((e) => e.kind === 'folder');
    const names = (await list(subject?.uri ?? '')).map((e) => e.name).sort();
    expect(names).toEqual(FILES.map((f) => f.path.split('/').at(-1)).sort());
    expect(names.filter((n) => n.endsWith('.predictions.slp'))).toHaveLength(2);
    expect(names.filter((n) => n.endsWith('.analysis.h5'))).toHaveLength(2);
  });

  it.each(FILES.map((f) => [f.kind, f.path, f] as const))(
    'reads the %s file %s over HTTP ranges as its ground truth, whole and windowed',
    async (kind, _path, file) => {
      const truth = await truthOf(file);
      const { pose, location, stats } = await readRemote(file);
      expect(location.kind).toBe('remote');
      expect(stats.requests).toBeGreaterThan(0);
      expect(pose).toMatchObject({ source: 'sleap', frameCount: truth.frames, start: 0, end: truth.frames });
      const format = kind === 'predictions' ? 'labels 1.2' : 'analysis (track, xy, node, frame)';
      expect(pose.formatVersion).toBe(format);
      expect(pose.individuals).toEqual(truth.individuals);
      expect(pose.keypoints).toEqual(truth.keypoints);
      expect(pose.edges).toEqual(truth.edges);
      expect(Array.from(pose.time.slice(0, 3))).toEqual(Array.from(truth.time.slice(0, 3)));
      expectTruth(pose, truth, 0, truth.frames);

      const [start, end] = [truth.frames - 250, truth.frames - 190];
      const selection = { individuals: ['track_1'], keypoints: ['nose', 'tail_tip'] };
      const window = await readRemote(file, { start, end, ...selection });
      expect(window.pose).toMatchObject({ start, end, individuals: ['track_1'], keypoints: ['nose', 'tail_tip'] });
      expectTruth(window.pose, truth, start, end);
    },
  );

  it('predictions and their export agree on positions; only the export scores lost points 0', async () => {
    const [predictions, analysis] = FILES;
    const fromLabels = (await readRemote(predictions as SampleSleapFile)).pose;
    const fromExport = (await readRemote(analysis as SampleSleapFile)).pose;
    let lost = 0;
    fromLabels.tracks.forEach((track, t) => {
      const exported = fromExport.tracks[t];
      expect(Array.from(exported?.x ?? [])).toEqual(Array.from(track.x));
      expect(Array.from(exported?.y ?? [])).toEqual(Array.from(track.y));
      track.confidence.forEach((c, f) => {
        if (Number.isNaN(c) && !Number.isNaN(exported?.confidence[f] ?? Number.NaN)) lost++;
      });
    });
    expect(lost).toBeGreaterThan(0);
  });
});
