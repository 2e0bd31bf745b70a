// One coordinate (x or y) of every shown keypoint over time, in uPlot (leeoniya/uPlot: canvas, ~1M points in tens
// of ms). Drag to zoom (the view then asks the API for a new decimated window at the finer scale), click a time to
// jump there; the current frame is drawn as a vertical line without rebuilding the chart.
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { PoseSeries } from '../api/types.js';
import { maskLowConfidence } from './window.js';

/** Props of one chart. */
export interface TimeSeriesChartProps {
  coordinate: 'x' | 'y';
  series: PoseSeries[];
  colourOf: (series: PoseSeries) => string;
  threshold: number;
  unit: string;
  /** Seconds of the current frame, drawn as a line. */
  cursorTime: number | undefined;
  /** A time range was selected by dragging. */
  onZoom: (t0: number, t1: number) => void;
  /** A time was clicked. */
  onPick: (time: number) => void;
  /** Charts with the same key move their cursors together. */
  syncKey: string;
}

/** uPlot's aligned data for `series`: one shared time axis (joined when decimation picked different samples). */
export function alignedData(series: PoseSeries[], coordinate: 'x' | 'y', threshold: number): uPlot.AlignedData {
  const first = series[0];
  if (first === undefined) return [[]];
  const sameAxis = series.every(
    (s) => s.time.length === first.time.length && s.time.every((t, i) => t === first.time[i]),
  );
  const values = series.map((s) => maskLowConfidence(s[coordinate], s.confidence, threshold));
  if (sameAxis) return [first.time, ...values];
  return uPlot.join(series.map((s, i) => [s.time, values[i] as (number | null)[]] as uPlot.AlignedData));
}

/** The chart. */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { coordinate, series, colourOf, threshold, unit, syncKey } = props;
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot>();
  // Callbacks and the cursor change on every render; the chart reads them through refs instead of being rebuilt.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const width = Math.max(320, element.clientWidth || 640);
    const options: uPlot.Options = {
      width,
      height: 220,
      scales: { x: { time: false } },
      axes: [
        { label: 'time (s)', stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' } },
        { label: `${coordinate} (${unit})`, stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' } },
      ],
      series: [
        { label: 'time (s)' },
        ...series.map((s) => ({ label: `${s.individual} ${s.keypoint}`, stroke: colourOf(s), width: 1.25 })),
      ],
      cursor: { sync: { key: syncKey }, drag: { x: true, y: false, setScale: true } },
      legend: { show: series.length <= 12 },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 2) return;
            const t0 = u.posToVal(u.select.left, 'x');
            const t1 = u.posToVal(u.select.left + u.select.width, 'x');
            latest.current.onZoom(t0, t1);
          },
        ],
        draw: [
          (u) => {
            const time = latest.current.cursorTime;
            if (time === undefined) return;
            const x = Math.round(u.valToPos(time, 'x', true));
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = '#d62728';
            ctx.lineWidth = 2 * uPlot.pxRatio;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    };
    const chart = new uPlot(options, alignedData(series, coordinate, threshold), element);
    plot.current = chart;
    const pick = () => {
      if (chart.select.width > 1 || chart.cursor.left === undefined || chart.cursor.left < 0) return;
      latest.current.onPick(chart.posToVal(chart.cursor.left, 'x'));
    };
    chart.over.addEventListener('click', pick);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(320, element.clientWidth), height: 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.over.removeEventListener('click', pick);
      chart.destroy();
      plot.current = undefined;
    };
  }, [series, coordinate, threshold, unit, syncKey, colourOf]);

  useEffect(() => {
    plot.current?.redraw(false, false);
  }, [props.cursorTime]);

  const label = `${coordinate} position over time of ${series.length} keypoint series; drag to zoom, click to jump.`;
  return <div className="chart" ref={holder} role="img" aria-label={label} data-testid={`chart-${coordinate}`} />;
}
