import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.js';
import { stringifyJson } from '../json/json-encoding.js';
import type { PoseView } from './explorer.js';
import {
  poseViewFromBinary,
  poseViewFromJson,
  poseViewToBinary,
  poseViewToJson,
  type PoseViewJson,
} from './pose-view-codec.js';

const view: PoseView = {
  source: 'jabs',
  formatVersion: '5',
  container: '/poseest',
  containers: ['/poseest'],
  individuals: ['m', 'f'],
  keypoints: ['nose', 'tail'],
  edges: [[0, 1]],
  frameCount: 3,
  start: 0,
  end: 3,
  fps: 30,
  duration: 0.1,
  unit: 'pixels',
  threshold: 0.3,
  metrics: [
    [{ keypoint: 'nose', missing: 1 / 3, lowConfidence: 0, distance: 1, meanSpeed: Number.NaN }],
    [{ keypoint: 'nose', missing: 0, lowConfidence: 1, distance: Infinity, meanSpeed: 0.1 + 0.2 }],
  ],
  series: [
    {
      individual: 'm',
      keypoint: 'nose',
      frame: [0, 1, 2],
      time: [0, 0.05, 0.1],
      x: [1, Number.NaN, -0],
      y: [Infinity, Number.NaN, 2],
      confidence: [1, Number.NaN, 0.5],
    },
    // Float32 coordinates widened to doubles: the digits JSON spends most of its bytes on.
    { individual: 'f', keypoint: 'tail', frame: [], time: [], x: [], y: [], confidence: [] },
    {
      individual: 'f',
      keypoint: 'nose',
      frame: [2],
      time: [0.1],
      x: [Math.fround(123.456)],
      y: [-Infinity],
      confidence: [Number.MIN_VALUE],
    },
  ],
};

describe('pose view JSON', () => {
  it('writes missing samples as null, other non-finite numbers as the encoding says, and reads them back', () => {
    const text = stringifyJson(poseViewToJson(view));
    expect(text).toContain('"x":[1,null,-0],"y":["Infinity",null,2]');
    expect(text).toContain('"meanSpeed":"NaN"');
    const back = poseViewFromJson(JSON.parse(text) as PoseViewJson);
    expect(back).toEqual(view);
    expect(Object.is(back.series[0]?.x[2], -0)).toBe(true);
    expect(back.metrics[1]?.[0]?.distance).toBe(Infinity);
  });

  it('refuses a string where a number belongs rather than reading it as a number or NaN', () => {
    const json = JSON.parse(stringifyJson(poseViewToJson(view))) as PoseViewJson;
    (json.series[0] as unknown as { x: unknown[] }).x[0] = '1e3';
    expect(() => poseViewFromJson(json, 'http://api/v1/pose')).toThrow(ProtocolError);
    expect(() => poseViewFromJson(json, 'http://api/v1/pose')).toThrow(
      'The pose view from http://api/v1/pose has "1e3" where series[0].x[0] should be a number.',
    );
  });
});

describe('pose view bytes', () => {
  it('read back exactly: every double, NaN, infinities and -0, the header as the JSON reads it', () => {
    const bytes = poseViewToBinary(view);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('EPV1');
    const back = poseViewFromBinary(bytes, 'u');
    expect(back).toEqual(view);
    expect(Object.is(back.series[0]?.x[2], -0)).toBe(true);
    expect(back.series[2]?.x[0]).toBe(Math.fround(123.456));
    expect(back.series[2]?.confidence[0]).toBe(Number.MIN_VALUE);
  });

  it('are 8 bytes per sample after the header, on an 8-byte boundary', () => {
    const bytes = poseViewToBinary(view);
    const headerLength = new DataView(bytes.buffer).getUint32(4, true);
    const samples = (3 + 0 + 1) * 5;
    expect(bytes.length).toBe(Math.ceil((8 + headerLength) / 8) * 8 + samples * 8);
  });

  it('read from a view at any offset of a larger buffer', () => {
    const bytes = poseViewToBinary(view);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(poseViewFromBinary(padded.subarray(3), 'u')).toEqual(view);
  });

  it.each([
    ['nothing', () => new Uint8Array(0), /does not start with the pose view signature/],
    ['JSON instead', () => new TextEncoder().encode('{"series":[]}'), /does not start with the pose view signature/],
    ['cut in the header', (b: Uint8Array) => b.subarray(0, 20), /ends inside its header/],
    ['cut in the samples', (b: Uint8Array) => b.subarray(0, b.length - 8), /bytes where its header describes/],
    ['with bytes after the samples', (b: Uint8Array) => new Uint8Array([...b, 0, 0, 0, 0, 0, 0, 0, 0]), /describes/],
    [
      'a header that is not JSON',
      (b: Uint8Array) => {
        const copy = b.slice();
        copy[8] = 0x7b + 1;
        return copy;
      },
      /its header is not JSON/,
    ],
  ])('refuse %s with a ProtocolError naming the URL', (_, damage, message) => {
    const damaged = damage(poseViewToBinary(view));
    expect(() => poseViewFromBinary(damaged, 'http://api/v1/pose?id=x')).toThrow(ProtocolError);
    expect(() => poseViewFromBinary(damaged, 'http://api/v1/pose?id=x')).toThrow(message);
    expect(() => poseViewFromBinary(damaged, 'http://api/v1/pose?id=x')).toThrow('http://api/v1/pose?id=x');
  });

  it('refuse a header whose numbers are not numbers', () => {
    const bytes = poseViewToBinary({ ...view, series: [] });
    const header = new TextDecoder().decode(bytes.subarray(8)).replace('"frameCount":3', '"frameCount":"3"');
    const forged = new Uint8Array([...bytes.subarray(0, 8), ...new TextEncoder().encode(header)]);
    new DataView(forged.buffer).setUint32(4, forged.length - 8, true);
    expect(() => poseViewFromBinary(forged, 'u')).toThrow('has "3" where frameCount should be a number');
  });

  it('refuse to write a series whose columns differ in length', () => {
    const series = [{ ...view.series[0]!, x: [1] }];
    expect(() => poseViewToBinary({ ...view, series })).toThrow(/has 1 x values for 3 frames/);
  });
});
