import { describe, expect, it } from 'vitest';
import { BrailleCanvas } from './braille-canvas.js';

describe('BrailleCanvas', () => {
  it.each([
    // [x, y] in dots -> the character of a 1x1 cell canvas (Unicode braille dot numbering)
    [0, 0, '\u2801'],
    [0, 1, '\u2802'],
    [0, 2, '\u2804'],
    [1, 0, '\u2808'],
    [1, 1, '\u2810'],
    [1, 2, '\u2820'],
    [0, 3, '\u2840'],
    [1, 3, '\u2880'],
  ])('puts the dot (%i, %i) on its braille bit: %s', (x, y, char) => {
    const canvas = new BrailleCanvas(1, 1);
    canvas.set(x, y);
    expect(canvas.lines()).toEqual([char]);
  });

  it('merges dots of one cell and leaves empty cells blank', () => {
    const canvas = new BrailleCanvas(2, 1);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 2; x++) canvas.set(x, y);
    expect(canvas.lines()).toEqual(['\u28ff ']);
  });

  it('ignores dots off the canvas', () => {
    const canvas = new BrailleCanvas(1, 1);
    canvas.set(-1, 0);
    canvas.set(2, 0);
    canvas.set(0, 4);
    expect(canvas.lines()).toEqual([' ']);
  });

  it('draws a diagonal line through every cell it crosses', () => {
    const canvas = new BrailleCanvas(3, 2);
    canvas.line(0, 0, 5, 7);
    const lines = canvas.lines();
    expect(lines).toHaveLength(2);
    expect(lines[0]?.[0]).not.toBe(' ');
    expect(lines[1]?.[2]).not.toBe(' ');
    expect(lines[0]?.[2]).toBe(' ');
  });

  it('clips a line between far-off points to the canvas instead of walking it', () => {
    const canvas = new BrailleCanvas(4, 1);
    canvas.line(-1e9, 2, 1e9, 2);
    expect(canvas.lines()).toEqual(['\u2824\u2824\u2824\u2824']);
  });

  it('does nothing on an empty canvas or with non-finite ends', () => {
    new BrailleCanvas(0, 0).line(-5, 0, 5, 0);
    const canvas = new BrailleCanvas(1, 1);
    canvas.line(0, 0, NaN, 3);
    expect(canvas.lines()).toEqual([' ']);
  });

  it('groups cells into coloured runs, the last series to touch a cell giving its colour', () => {
    const canvas = new BrailleCanvas(3, 1);
    canvas.set(0, 0, 'red');
    canvas.set(2, 0, 'red');
    canvas.set(3, 0, 'blue');
    canvas.set(4, 0, 'blue');
    expect(canvas.segments()).toEqual([
      [
        { text: '\u2801', color: 'red' },
        { text: '\u2809\u2801', color: 'blue' },
      ],
    ]);
  });
});
