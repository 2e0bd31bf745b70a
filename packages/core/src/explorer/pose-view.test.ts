import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { stringifyJson } from '../json/json-encoding.js';
import type { PoseView } from './explorer.js';
import { poseViewFromJson, poseViewToJson, poseViewWindow, type PoseViewJson } from './pose-view.js';

describe('poseViewWindow', () => {
  it.each([
    ['no window: from 0 up to the limit', {}, 100, [0, 36]],
    ['no window on a short file: all of it', {}, 20, [0, 20]],
    ['a start: up to the limit after it', { start: 50 }, 100, [50, 86]],
    ['a start near the end: up to the end', { start: 90 }, 100, [90, 100]],
    ['an explicit window within the limit', { start: 10, end: 40 }, 100, [10, 40]],
  ])('%s', (_, request, frameCount, window) => {
    expect(poseViewWindow(request, frameCount, 36)).toEqual({ start: window[0], end: window[1] });
  });

  it('refuses a window longer than the limit and a start past the end, naming the file', () => {
    expect(() => poseViewWindow({ start: 0, end: 37 }, 100, 36)).toThrow(/at most 36 frames/);
    const past = () => poseViewWindow({ start: 101 }, 100, 36, 'x.h5');
    expect(past).toThrow(InvalidInputError);
    expect(past).toThrow('The start frame 101 is past the 100 frames of x.h5.');
  });
});

describe('pose view JSON', () => {
  const view: PoseView = {
    source: 'jabs',
    containers: ['/poseest'],
    container: '/poseest',
    individuals: ['m'],
    keypoints: ['nose'],
    edges: [],
    frameCount: 3,
    start: 0,
    end: 3,
    duration: 0.1,
    unit: 'pixels',
    threshold: 0.3,
    metrics: [[{ keypoint: 'nose', missing: 1 / 3, lowConfidence: 0, distance: 1, meanSpeed: Number.NaN }]],
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
    ],
  };

  it('writes missing samples as null, other non-finite numbers as the encoding says, and reads them back', () => {
    const text = stringifyJson(poseViewToJson(view));
    expect(text).toContain('"x":[1,null,-0],"y":["Infinity",null,2]');
    expect(text).toContain('"meanSpeed":"NaN"');
    const back = poseViewFromJson(JSON.parse(text) as PoseViewJson);
    expect(back.series).toEqual(view.series);
    expect(Object.is(back.series[0]?.x[2], -0)).toBe(true);
  });
});
