import { describe, expect, it } from 'vitest';
import { stringifyJson } from '../json/json-encoding.js';
import { poseCsvChunks, poseToCsv, poseToJson } from './export.js';
import type { PoseData } from './model.js';

function sample(): PoseData {
  return {
    source: 'dlc',
    formatVersion: '0.15.2',
    location: 'a.h5',
    container: '/df_with_missing',
    individuals: ['ind1', 'ind,2'],
    keypoints: ['snout', 'tail'],
    edges: [[0, 1]],
    frameCount: 100,
    start: 10,
    end: 12,
    time: Float64Array.from([1 / 3, 11 / 30]),
    fps: 30,
    fpsAssumed: true,
    dimensions: 2,
    unit: 'pixels',
    referenceFrame: 'top-left',
    confidenceThreshold: 0.6,
    staticObjects: [],
    tracks: [
      {
        individual: 'ind1',
        keypoint: 'snout',
        x: Float64Array.from([1.5, Number.NaN]),
        y: Float64Array.from([2, Number.NaN]),
        confidence: Float64Array.from([0.9, 0.1]),
      },
      {
        individual: 'ind1',
        keypoint: 'tail',
        x: Float64Array.from([3, 4]),
        y: Float64Array.from([5, 6]),
        confidence: Float64Array.from([Number.NaN, 1.2]),
      },
      {
        individual: 'ind,2',
        keypoint: 'snout',
        x: Float64Array.from([7, 8]),
        y: Float64Array.from([9, 10]),
        confidence: Float64Array.from([1, 1]),
      },
    ],
  };
}

describe('poseToJson', () => {
  it('has the documented shape with missing values as null', () => {
    const json = poseToJson(sample());
    expect(json).toMatchObject({
      source: 'dlc',
      formatVersion: '0.15.2',
      container: '/df_with_missing',
      individuals: ['ind1', 'ind,2'],
      keypoints: ['snout', 'tail'],
      frameCount: 100,
      start: 10,
      end: 12,
      time: [1 / 3, 11 / 30],
      unit: 'pixels',
      fps: 30,
      edges: [[0, 1]],
    });
    expect(json.tracks[0]).toEqual({
      individual: 'ind1',
      keypoint: 'snout',
      x: [1.5, null],
      y: [2, null],
      confidence: [0.9, 0.1],
    });
    expect(json.tracks[1]?.confidence).toEqual([null, 1.2]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('in the one JSON encoding: missing as null, infinities as strings, -0 kept', () => {
    const pose = sample();
    pose.tracks[2] = { ...pose.tracks[2]!, x: Float64Array.from([Infinity, -0]), y: Float64Array.from([-Infinity, 1]) };
    const text = stringifyJson(poseToJson(pose));
    expect(text).toContain('"x":[1.5,null]');
    expect(text).toContain('"x":["Infinity",-0],"y":["-Infinity",1]');
    expect(poseToCsv(pose)).toContain('"ind,2",snout,Infinity,-Infinity,1');
  });
});

describe('poseToCsv', () => {
  it('one row per frame x individual x keypoint, empty cells for missing, quoted text where needed', () => {
    const lines = poseToCsv(sample()).trimEnd().split('\n');
    expect(lines[0]).toBe('frame,time,individual,keypoint,x,y,confidence');
    expect(lines).toHaveLength(1 + 2 * 3);
    expect(lines[1]).toBe(`10,${1 / 3},ind1,snout,1.5,2,0.9`);
    expect(lines[2]).toBe(`10,${1 / 3},ind1,tail,3,5,`);
    expect(lines[3]).toBe(`10,${1 / 3},"ind,2",snout,7,9,1`);
    expect(lines[4]).toBe(`11,${11 / 30},ind1,snout,,,0.1`);
  });

  it('streams the same text in pieces: a header then one piece per frame', () => {
    const pieces = [...poseCsvChunks(sample())];
    expect(pieces).toHaveLength(3);
    expect(pieces.join('')).toBe(poseToCsv(sample()));
  });

  it('adds a z column for 3-D pose', () => {
    const p = { ...sample(), dimensions: 3 as const };
    p.tracks = p.tracks.map((t) => ({ ...t, z: Float64Array.from([0, -1]) }));
    const lines = poseToCsv(p).split('\n');
    expect(lines[0]).toBe('frame,time,individual,keypoint,x,y,z,confidence');
    expect(lines[1]).toBe(`10,${1 / 3},ind1,snout,1.5,2,0,0.9`);
  });
});
