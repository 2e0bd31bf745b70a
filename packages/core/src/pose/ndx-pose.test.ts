import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import {
  FIXTURE_POSE_FRAMES,
  FIXTURE_POSE_RATE,
  fixtureSnoutX,
  writeNwbFixture,
} from '../nwb/test-support/nwb-fixture.js';
import { findTrack } from './model.js';
import { findPoseContainers, matchNodesToSeries, readNdxPose } from './ndx-pose.js';
import { readPose } from './read-pose.js';
import { corpusExpected } from '@ember-archive/sample-archive';
import { openTestFile } from './test-support/corpus.js';

const BASE = '/processing/behavior/PoseEstimation';

describe('ndx-pose corpus files', () => {
  it('0.3.0: keypoints from the linked Skeleton, values and timestamps as h5py reads them', async () => {
    const file = await openTestFile('ndx-pose/0.3.0_poseestimation_one_camera.nwb');
    const expected = corpusExpected('0.3.0_poseestimation_one_camera.nwb').nodes;
    const pose = await readPose(file);
    expect(pose).toMatchObject({
      source: 'ndx-pose',
      formatVersion: '0.3.0',
      container: BASE,
      individuals: ['subject'],
      keypoints: ['front_left_paw', 'front_right_paw'],
      edges: expected.get('/processing/behavior/Skeletons/subject/edges')?.head as [number, number][],
      frameCount: 10,
      unit: 'pixels',
      referenceFrame: '(0,0) corresponds to the top left corner of the video.',
      dimensions: 2,
    });
    for (const keypoint of pose.keypoints) {
      const data = expected.get(`${BASE}/${keypoint}/data`)?.head as number[][];
      const confidence = expected.get(`${BASE}/${keypoint}/confidence`)?.head as number[];
      const track = findTrack(pose, 'subject', keypoint)!;
      expect(Array.from(track.x.subarray(0, 3))).toEqual(data.map((r) => r[0]));
      expect(Array.from(track.y.subarray(0, 3))).toEqual(data.map((r) => r[1]));
      expect(Array.from(track.confidence.subarray(0, 3))).toEqual(confidence);
    }
    expect(Array.from(pose.time.subarray(0, 3))).toEqual(expected.get(`${BASE}/front_left_paw/timestamps`)?.head);
    await file.close();
  });

  it('0.1.1 without series: a container with no keypoints, not an error', async () => {
    const file = await openTestFile('ndx-pose/0.1.1_poseestimation_no_cameras.nwb');
    expect(await findPoseContainers(file)).toEqual([
      { path: BASE, name: 'PoseEstimation', neurodataType: 'PoseEstimation' },
    ]);
    expect((await readNdxPose(file)).containers).toEqual([BASE]);
    const pose = await readNdxPose(file);
    expect(pose.formatVersion).toBe('0.1.1');
    expect(pose.keypoints).toEqual([]);
    expect(pose.frameCount).toBe(0);
    await file.close();
  });
});

describe('ndx-pose 0.1 layout with neuroconv names (fixture)', () => {
  it('maps nodes to PoseEstimationSeries<Name> series, keeps node order and edges, reads 3-D data', async () => {
    const file = await openTestFile(await writeNwbFixture(), 'fixture.nwb');
    const pose = await readPose(file);
    expect(pose.container).toBe('/processing/behavior/PoseEstimationDeepLabCut');
    expect(pose.keypoints).toEqual(['snout', 'leftHand', 'rightHand']);
    expect(pose.edges).toEqual([
      [0, 1],
      [0, 2],
    ]);
    // Two containers and no Skeleton subject link: the subject may not be this container's, so its own name is used.
    expect(pose.individuals).toEqual(['PoseEstimationDeepLabCut']);
    expect(pose.dimensions).toBe(3);
    expect(pose.fps).toBe(FIXTURE_POSE_RATE);
    expect(pose.frameCount).toBe(FIXTURE_POSE_FRAMES);
    expect(pose.confidenceThreshold).toBe(0.6);
    const snout = findTrack(pose, 'PoseEstimationDeepLabCut', 'snout')!;
    const right = findTrack(pose, 'PoseEstimationDeepLabCut', 'rightHand')!;
    expect(snout.x[3]).toBe(fixtureSnoutX(3));
    expect(right.x[3]).toBe(fixtureSnoutX(3) * 3);
    expect(snout.z?.[3]).toBe(-fixtureSnoutX(3));
    expect(snout.x[7]).toBeNaN();
    expect(pose.time[0]).toBe(2);
    await file.close();
  });

  it('does not flip y although the file claims a bottom-left origin', async () => {
    const file = await openTestFile(await writeNwbFixture(), 'fixture.nwb');
    const pose = await readPose(file, { keypoints: ['snout'], start: 100, end: 110 });
    expect(pose.referenceFrame).toMatch(/bottom left/);
    const snout = pose.tracks[0]!;
    for (let i = 0; i < 10; i++) expect(snout.y[i]).toBe(2 * fixtureSnoutX(100 + i));
    expect(pose.time[0]).toBeCloseTo(2 + 100 / FIXTURE_POSE_RATE, 12);
    await file.close();
  });

  it('finds every container; a 0.2-style one gets nodes from its linked Skeleton and the subject the Skeleton links', async () => {
    const file = await openTestFile(await writeNwbFixture(), 'fixture.nwb');
    const containers = (await findPoseContainers(file)).map((c) => c.name);
    expect(containers).toEqual(['PoseEstimationDeepLabCut', 'PoseEstimationSide']);
    const side = await readPose(file, { container: 'PoseEstimationSide' });
    expect(side.containers).toEqual(containers.map((c) => `/processing/behavior/${c}`));
    expect(side).toMatchObject({
      container: '/processing/behavior/PoseEstimationSide',
      keypoints: ['nose'],
      individuals: ['ADPTM01'],
      frameCount: 3,
    });
    expect(Array.from(side.time)).toEqual([10, 10.25, 10.75]);
    expect(Array.from(side.tracks[0]!.y)).toEqual([2, 4, 6]);
    expect(side.fps).toBe(1 / 0.375); // median of the steps 0.25 and 0.5
    expect(side.fpsEstimated).toBe(true);
    await file.close();
  });

  it('names unknown containers and keypoints in its errors', async () => {
    const file = await openTestFile(await writeNwbFixture(), 'fixture.nwb');
    await expect(readNdxPose(file, { container: 'Nope' })).rejects.toThrow(InvalidInputError);
    await expect(readNdxPose(file, { keypoints: ['tail'] })).rejects.toThrow(/"snout", "leftHand", "rightHand"/);
    await file.close();
  });
});

describe('matchNodesToSeries', () => {
  it.each([
    [
      'exact names (ndx-pose tests, DLC2NWB)',
      ['a', 'b'],
      ['b', 'a'],
      [
        ['a', 'a'],
        ['b', 'b'],
      ],
    ],
    [
      'neuroconv capitalize()',
      ['snout', 'leftHand'],
      ['PoseEstimationSeriesLefthand', 'PoseEstimationSeriesSnout'],
      [
        ['snout', 'PoseEstimationSeriesSnout'],
        ['leftHand', 'PoseEstimationSeriesLefthand'],
      ],
    ],
    [
      'series without a node come last',
      ['a'],
      ['z', 'a'],
      [
        ['a', 'a'],
        ['z', 'z'],
      ],
    ],
    [
      'node without a series',
      ['a', 'gone'],
      ['a'],
      [
        ['a', 'a'],
        ['gone', undefined],
      ],
    ],
    [
      'no skeleton',
      undefined,
      ['s2', 's1'],
      [
        ['s2', 's2'],
        ['s1', 's1'],
      ],
    ],
  ])('%s', (_name, nodes, series, want) => {
    expect(matchNodesToSeries(nodes, series).map((m) => [m.keypoint, m.series])).toEqual(want);
  });
});

describe('ndx-pose round trip with the sample-archive NWB generator (neuroconv layout)', () => {
  it.each(['rate', 'timestamps'] as const)(
    'timing by %s: trajectories, time, skeleton and subject come back',
    async (timing) => {
      const { generateNwbPose } = await import('@ember-archive/sample-archive');
      const { bytes, truth } = await generateNwbPose({
        seed: 7,
        subjectId: 'sub-ADPTM01',
        sessionId: 'ses-1',
        frames: 300,
        rate: 120,
        timing,
      });
      const file = await openTestFile(bytes, 'sub-ADPTM01_ses-1_desc-processed.nwb');
      const pose = await readPose(file);
      expect(pose.source).toBe('ndx-pose');
      expect(pose.individuals).toEqual([...truth.individuals]);
      expect(pose.keypoints).toEqual([...truth.keypoints]);
      expect(pose.edges).toEqual(truth.edges?.map(([a, b]) => [a, b]));
      expect(pose.frameCount).toBe(truth.frames);
      for (let i = 0; i < truth.frames; i++) expect(pose.time[i]).toBeCloseTo(truth.time[i]!, 9);
      truth.keypoints.forEach((keypoint, k) => {
        const track = findTrack(pose, truth.individuals[0]!, keypoint)!;
        for (let f = 0; f < truth.frames; f++) {
          const x = truth.x[0]![k]![f]!;
          if (Number.isNaN(x)) expect(track.x[f]).toBeNaN();
          else {
            expect(track.x[f]).toBeCloseTo(x, 9);
            expect(track.y[f]).toBeCloseTo(truth.y[0]![k]![f]!, 9);
          }
          const c = truth.confidence[0]![k]![f]!;
          if (Number.isNaN(c)) expect(track.confidence[f]).toBeNaN();
          else expect(track.confidence[f]).toBeCloseTo(c, 6);
        }
      });
      if (timing === 'rate') expect(pose.fps).toBe(120);
      else expect(Math.abs(pose.fps! - 120) / 120).toBeLessThan(0.02); // jittered camera timestamps
      await file.close();
    },
  );
});
