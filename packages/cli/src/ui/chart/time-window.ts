// Zoom and pan over a recording's frames as pure arithmetic on a frame window [start, end): the chart screen
// keeps one window and one cursor frame, and every change asks core for that window's decimated series.

/** A frame window [start, end). */
export interface FrameWindow {
  start: number;
  end: number;
}

/** Fewest frames a zoom shows (below this, neighbouring samples are a cell apart anyway). */
export const MIN_WINDOW_FRAMES = 10;

/** `window` moved inside [0, frameCount) without changing its width where it fits. */
export function clampWindow(window: FrameWindow, frameCount: number): FrameWindow {
  const width = Math.min(Math.max(1, Math.round(window.end - window.start)), Math.max(1, frameCount));
  const start = Math.min(Math.max(0, Math.round(window.start)), Math.max(0, frameCount - width));
  return { start, end: start + width };
}

/** The window scaled by `factor` (0.5 zooms in twice) around frame `center`, which stays where it was on screen. */
export function zoomWindow(window: FrameWindow, factor: number, center: number, frameCount: number): FrameWindow {
  const width = window.end - window.start;
  const next = Math.min(frameCount, Math.max(Math.min(MIN_WINDOW_FRAMES, frameCount), Math.round(width * factor)));
  const anchor = Math.min(Math.max(center, window.start), window.end);
  const share = width > 0 ? (anchor - window.start) / width : 0.5;
  return clampWindow({ start: anchor - share * next, end: anchor - share * next + next }, frameCount);
}

/** The window moved by `fraction` of its width (negative: earlier). */
export function panWindow(window: FrameWindow, fraction: number, frameCount: number): FrameWindow {
  const shift = Math.round((window.end - window.start) * fraction) || Math.sign(fraction);
  return clampWindow({ start: window.start + shift, end: window.end + shift }, frameCount);
}

/** The cursor moved by `cells` chart cells of `columns`; the window follows when the cursor leaves it. */
export function moveCursor(
  cursor: number,
  cells: number,
  window: FrameWindow,
  columns: number,
  frameCount: number,
): { cursor: number; window: FrameWindow } {
  const step = Math.max(1, Math.round((window.end - window.start) / Math.max(1, columns)));
  const next = Math.min(Math.max(0, cursor + cells * step), Math.max(0, frameCount - 1));
  if (next >= window.start && next < window.end) return { cursor: next, window };
  const width = window.end - window.start;
  const start = next < window.start ? next : next - width + 1;
  return { cursor: next, window: clampWindow({ start, end: start + width }, frameCount) };
}
