// Remember where a list is scrolled, so moving the cursor inside the visible rows never shifts the view.
import { useRef } from 'react';
import { scrollWindow, type RowWindow } from '../components/scroll-window.js';

/** The visible rows of a `count`-row list with its cursor at `cursor`, `height` rows tall. */
export function useScrollWindow(count: number, cursor: number, height: number): RowWindow {
  const start = useRef(0);
  const window = scrollWindow(count, cursor, height, start.current);
  start.current = window.start;
  return window;
}
