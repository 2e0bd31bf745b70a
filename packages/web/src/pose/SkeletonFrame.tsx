// One frame of every shown individual: keypoints and skeleton edges at the current frame, in the same arena frame
// as the trajectory so the animal moves across it. Points below the confidence threshold are drawn hollow.
import { useEffect, useRef } from 'react';
import type { PoseSeries } from '../api/types.js';
import { boundsOf, prepareCanvas, projector, type Bounds } from './space.js';
import { nearestIndex } from './window.js';

const SIZE = 360;

/** Position and confidence of each keypoint of `individual` at `frame` (nearest decimated sample). */
export function pointsAtFrame(series: readonly PoseSeries[], individual: string, frame: number) {
  const points = new Map<string, { x: number; y: number; confidence: number }>();
  for (const s of series) {
    if (s.individual !== individual) continue;
    const i = nearestIndex(s.frame, frame);
    const [x, y] = [s.x[i], s.y[i]];
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    points.set(s.keypoint, { x, y, confidence: s.confidence[i] ?? Number.NaN });
  }
  return points;
}

/** The skeleton canvas. */
export function SkeletonFrame(props: {
  series: PoseSeries[];
  individuals: string[];
  keypoints: string[];
  edges: [number, number][];
  colourOf: (keypoint: string) => string;
  bounds: Bounds | undefined;
  threshold: number;
  frame: number;
}) {
  const { series, individuals, keypoints, edges, colourOf, bounds, threshold, frame } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ctx = prepareCanvas(element, SIZE, SIZE);
    const box = bounds ?? boundsOf(series);
    if (!ctx || !box) return;
    const project = projector(box, SIZE, SIZE);
    for (const individual of individuals) {
      const points = pointsAtFrame(series, individual, frame);
      ctx.strokeStyle = 'rgba(128, 128, 128, 0.9)';
      ctx.lineWidth = 2;
      for (const [a, b] of edges) {
        const p = points.get(keypoints[a] ?? '');
        const q = points.get(keypoints[b] ?? '');
        if (!p || !q) continue;
        ctx.beginPath();
        ctx.moveTo(...project(p.x, p.y));
        ctx.lineTo(...project(q.x, q.y));
        ctx.stroke();
      }
      for (const [keypoint, point] of points) {
        const [px, py] = project(point.x, point.y);
        ctx.beginPath();
        ctx.arc(px, py, 5, 0, Math.PI * 2);
        ctx.strokeStyle = colourOf(keypoint);
        ctx.fillStyle = colourOf(keypoint);
        if (Number.isFinite(point.confidence) && point.confidence < threshold) ctx.stroke();
        else ctx.fill();
      }
    }
  }, [series, individuals, keypoints, edges, colourOf, bounds, threshold, frame]);
  return (
    <canvas
      ref={canvas}
      width={SIZE}
      height={SIZE}
      role="img"
      aria-label={`Skeleton of ${individuals.join(', ')} at frame ${frame}; hollow points are below the threshold.`}
      data-testid="skeleton"
    />
  );
}
