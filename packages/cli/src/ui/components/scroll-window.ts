// Which rows of a long list are on screen: the list scrolls only as far as needed to keep the cursor visible.
import type { Action } from '../keys.js';

/** First and one-past-last visible row for a list of `count` rows shown in `height` lines. */
export interface RowWindow {
  start: number;
  end: number;
}

/**
 * The window that shows `cursor`, moving `previousStart` as little as possible (so the view does not jump), and
 * never leaving empty lines at the bottom while rows above are hidden.
 */
export function scrollWindow(count: number, cursor: number, height: number, previousStart = 0): RowWindow {
  const rows = Math.max(1, height);
  if (count <= rows) return { start: 0, end: count };
  let start = Math.min(Math.max(previousStart, 0), count - rows);
  if (cursor < start) start = cursor;
  if (cursor >= start + rows) start = cursor - rows + 1;
  start = Math.max(0, Math.min(start, count - rows));
  return { start, end: start + rows };
}

/** Keep a cursor inside [0, count). */
export function clampCursor(cursor: number, count: number): number {
  if (count <= 0) return 0;
  return Math.max(0, Math.min(cursor, count - 1));
}

/**
 * Where a movement key (up, down, page up/down, top, bottom) puts a cursor in [0, count) that pages by `page`
 * rows; undefined for actions that do not move it. Every screen moves its cursor (or scroll position) this way.
 */
export function movedCursor(action: Action, cursor: number, count: number, page: number): number | undefined {
  switch (action) {
    case 'up':
      return clampCursor(cursor - 1, count);
    case 'down':
      return clampCursor(cursor + 1, count);
    case 'pageUp':
      return clampCursor(cursor - page, count);
    case 'pageDown':
      return clampCursor(cursor + page, count);
    case 'top':
      return clampCursor(0, count);
    case 'bottom':
      return clampCursor(count - 1, count);
    default:
      return undefined;
  }
}
