import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { poseViewWindow } from './pose-view.js';

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
