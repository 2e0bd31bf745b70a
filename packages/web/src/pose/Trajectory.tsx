// The path of each shown keypoint in the arena, each segment coloured by its time in the window (viridis, see the
// colour bar), with the current frame marked.
import { useEffect, useRef } from 'react';
import type { PoseSeries } from '../api/types.js';
import { boundsOf, prepareCanvas, projector, type Bounds } from './space.js';
import { maskLowConfidence, nearestIndex, timeColour } from './window.js';

const SIZE = 360;
// Segments are drawn in colour bins so a 1M-point window costs 32 strokes, not 1M.
const BINS = 32;

/** The trajectory canvas; `frame` is the current frame. */
export function Trajectory({
  series,
  bounds,
  threshold,
  frame,
}: {
  series: PoseSeries[];
  bounds: Bounds | undefined;
  threshold: number;
  frame: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ctx = prepareCanvas(element, SIZE, SIZE);
    const box = bounds ?? boundsOf(series);
    if (!ctx || !box) return;
    const project = projector(box, SIZE, SIZE);
    for (const s of series) {
      const t0 = s.time[0] ?? 0;
      const span = Math.max((s.time[s.time.length - 1] ?? t0) - t0, 1e-9);
      const x = maskLowConfidence(s.x, s.confidence, threshold);
      const y = maskLowConfidence(s.y, s.confidence, threshold);
      const paths = Array.from({ length: BINS }, () => new Path2D());
      for (let i = 1; i < x.length; i += 1) {
        const [ax, ay, bx, by] = [x[i - 1], y[i - 1], x[i], y[i]];
        if (ax == null || ay == null || bx == null || by == null) continue;
        const bin = Math.min(BINS - 1, Math.floor((((s.time[i] ?? t0) - t0) / span) * BINS));
        const path = paths[bin] as Path2D;
        path.moveTo(...project(ax, ay));
        path.lineTo(...project(bx, by));
      }
      ctx.lineWidth = 1.25;
      paths.forEach((path, bin) => {
        ctx.strokeStyle = timeColour((bin + 0.5) / BINS);
        ctx.stroke(path);
      });
      const index = nearestIndex(s.frame, frame);
      const [cx, cy] = [s.x[index], s.y[index]];
      if (cx !== undefined && cy !== undefined && Number.isFinite(cx) && Number.isFinite(cy)) {
        const [px, py] = project(cx, cy);
        ctx.fillStyle = '#d62728';
        ctx.beginPath();
        ctx.arc(px, py, 4, 0, Math.PI * 2);
        ctx.fill();
      }
    }
  }, [series, bounds, threshold, frame]);
  return (
    <canvas
      ref={canvas}
      width={SIZE}
      height={SIZE}
      role="img"
      aria-label={`Trajectory of ${series.length} keypoint series, coloured by time; the red dot is frame ${frame}.`}
      data-testid="trajectory"
    />
  );
}
