import { describe, expect, it } from 'vitest';
import { clampWindow, moveCursor, panWindow, zoomWindow } from './time-window.js';

describe('frame windows', () => {
  it.each([
    [{ start: -5, end: 15 }, 100, { start: 0, end: 20 }],
    [{ start: 95, end: 115 }, 100, { start: 80, end: 100 }],
    [{ start: 0, end: 500 }, 100, { start: 0, end: 100 }],
    [{ start: 10.4, end: 20.4 }, 100, { start: 10, end: 20 }],
  ])('clampWindow(%j, %d) = %j', (window, count, expected) => expect(clampWindow(window, count)).toEqual(expected));

  it.each([
    // zooming in twice around the middle keeps the middle
    [{ start: 0, end: 1000 }, 0.5, 500, { start: 250, end: 750 }],
    // around a point near the start: that point stays at the same place on screen
    [{ start: 0, end: 1000 }, 0.5, 100, { start: 50, end: 550 }],
    // zooming out past the recording shows all of it
    [{ start: 200, end: 400 }, 8, 300, { start: 0, end: 1000 }],
    // never fewer than ten frames
    [{ start: 100, end: 112 }, 0.1, 106, { start: 101, end: 111 }],
  ])('zoomWindow(%j, %d, around %d) = %j', (window, factor, center, expected) =>
    expect(zoomWindow(window, factor, center, 1000)).toEqual(expected),
  );

  it.each([
    [{ start: 100, end: 200 }, 0.5, { start: 150, end: 250 }],
    [{ start: 100, end: 200 }, -0.5, { start: 50, end: 150 }],
    [{ start: 850, end: 950 }, 0.5, { start: 900, end: 1000 }],
    [{ start: 0, end: 1 }, 0.5, { start: 1, end: 2 }],
  ])('panWindow(%j, %d) = %j', (window, fraction, expected) =>
    expect(panWindow(window, fraction, 1000)).toEqual(expected),
  );

  it('moves the cursor by one cell of frames, dragging the window along at its edges', () => {
    const window = { start: 100, end: 200 };
    expect(moveCursor(150, 1, window, 50, 1000)).toEqual({ cursor: 152, window });
    expect(moveCursor(198, 1, window, 50, 1000)).toEqual({ cursor: 200, window: { start: 101, end: 201 } });
    expect(moveCursor(100, -1, window, 50, 1000)).toEqual({ cursor: 98, window: { start: 98, end: 198 } });
    expect(moveCursor(0, -1, { start: 0, end: 100 }, 50, 1000)).toEqual({ cursor: 0, window: { start: 0, end: 100 } });
    expect(moveCursor(999, 1, { start: 900, end: 1000 }, 50, 1000).cursor).toBe(999);
  });
});
