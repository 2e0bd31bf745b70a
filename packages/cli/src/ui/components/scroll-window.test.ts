import { describe, expect, it } from 'vitest';
import { clampCursor, scrollWindow } from './scroll-window.js';

describe('scrollWindow', () => {
  it.each([
    // count, cursor, height, previous start -> window
    [5, 4, 10, 0, { start: 0, end: 5 }],
    [100, 0, 10, 0, { start: 0, end: 10 }],
    [100, 10, 10, 0, { start: 1, end: 11 }],
    [100, 50, 10, 45, { start: 45, end: 55 }],
    [100, 44, 10, 45, { start: 44, end: 54 }],
    [100, 99, 10, 0, { start: 90, end: 100 }],
    // The list shrank under a scrolled view: no empty rows at the bottom.
    [20, 19, 10, 80, { start: 10, end: 20 }],
  ])('count %d cursor %d height %d from %d', (count, cursor, height, previous, window) => {
    expect(scrollWindow(count, cursor, height, previous)).toEqual(window);
  });
  it('clamps cursors', () => {
    expect(clampCursor(-3, 10)).toBe(0);
    expect(clampCursor(12, 10)).toBe(9);
    expect(clampCursor(4, 0)).toBe(0);
  });
});
