// The shared 2-D frame of the trajectory and skeleton views: bounds of every shown point, mapped into a canvas with
// y pointing down (video pixel coordinates) and the aspect ratio kept.
import type { PoseSeries } from '../api/types.js';

/** Data bounds. */
export interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** The bounds of every finite point of `series`, or undefined when there is none. */
export function boundsOf(series: readonly PoseSeries[]): Bounds | undefined {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.x.length; i += 1) {
      const x = s.x[i] as number;
      const y = s.y[i] as number;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  return minX === Infinity ? undefined : { minX, maxX, minY, maxY };
}

/** A function from data to canvas pixels inside `size` with `margin`, same scale on both axes. */
export function projector(bounds: Bounds, width: number, height: number, margin = 12) {
  const spanX = Math.max(bounds.maxX - bounds.minX, 1e-9);
  const spanY = Math.max(bounds.maxY - bounds.minY, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  return (x: number, y: number): [number, number] => [
    offsetX + (x - bounds.minX) * scale,
    offsetY + (y - bounds.minY) * scale,
  ];
}

/** A canvas sized for the screen's pixel ratio, its 2-D context scaled to CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx?.clearRect(0, 0, width, height);
  return ctx;
}
