import { describe, expect, it } from 'vitest';
import { clampCursor, movedCursor, scrollWindow } from './scroll-window.js';

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

describe('movedCursor', () => {
  it.each([
    // action, cursor, count, page -> new cursor
    ['up', 5, 20, 8, 4],
    ['up', 0, 20, 8, 0],
    ['down', 5, 20, 8, 6],
    ['down', 19, 20, 8, 19],
    ['pageUp', 5, 20, 8, 0],
    ['pageUp', 15, 20, 8, 7],
    ['pageDown', 5, 20, 8, 13],
    ['pageDown', 15, 20, 8, 19],
    ['top', 15, 20, 8, 0],
    ['bottom', 3, 20, 8, 19],
    // Nothing loaded yet: every move stays at 0.
    ['down', 0, 0, 8, 0],
    ['bottom', 0, 0, 8, 0],
  ] as const)('%s from %d of %d (page %d) -> %d', (action, cursor, count, page, expected) => {
    expect(movedCursor(action, cursor, count, page)).toBe(expected);
  });
  it('leaves other actions to the screen', () => {
    expect(movedCursor('open', 3, 20, 8)).toBeUndefined();
    expect(movedCursor('retry', 3, 20, 8)).toBeUndefined();
  });
});
