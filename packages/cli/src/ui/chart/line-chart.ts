// A line chart in text: traces plotted on a braille canvas, a value axis on the left with round ticks, a time (or
// any) axis below, and an optional cursor column. Pure, so tables of cases test it without a terminal; the Ink
// component only prints the coloured runs it returns.
import { BrailleCanvas, type Segment } from './braille-canvas.js';

/** One line on the chart; NaN in `x` or `y` breaks the line (a tracking gap stays a gap). */
export interface ChartTrace {
  label: string;
  color: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** A closed range [min, max]. */
export type Domain = readonly [number, number];

/** Size, ranges and cursor of a chart. */
export interface LineChartOptions {
  /** Cells across, value labels included. */
  width: number;
  /** Lines down, the axis line and its labels included. */
  height: number;
  /** Horizontal range; default: the traces' own. */
  xDomain?: Domain;
  /** Vertical range; default: the traces' own within `xDomain`. */
  yDomain?: Domain;
  /** Draw larger y lower, as image rows go (the trajectory of a point in pixels). */
  invertY?: boolean;
  /** Appended to the horizontal tick labels' line, e.g. "s". */
  xUnit?: string;
  /** A vertical cursor at this x. */
  cursorX?: number;
  /** Join neighbouring samples with lines (default) or draw each as one dot. */
  connect?: boolean;
}

/** What the chart drew, so a caller can map cells back to values. */
export interface RenderedChart {
  lines: Segment[][];
  xDomain: Domain;
  yDomain: Domain;
  /** First cell of the plot area, after the value labels and the axis. */
  plotLeft: number;
  /** Cells across the plot area. */
  plotColumns: number;
}

const AXIS_COLOR = 'gray';
const CURSOR_COLOR = 'white';

/** A round tick step near span/target: 1, 2 or 5 times a power of ten. */
export function niceStep(span: number, target: number): number {
  if (!(span > 0) || !(target > 0)) return 1;
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return nice * power;
}

/** Round values inside [min, max], about `target` of them. */
export function niceTicks(domain: Domain, target: number): number[] {
  const [min, max] = domain;
  const step = niceStep(max - min, target);
  const ticks: number[] = [];
  // Rounding to the step's decimals keeps 0.30000000000000004 from reaching the screen.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(decimals)));
  return ticks;
}

/** A tick value in few characters: 1200, 12.5, 0.25, 1.5e+6. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(1).replace('.0e', 'e');
  return String(Number(value.toPrecision(4)));
}

/** The finite range of `values` at indices where `keep` holds; undefined when there is none. */
export function extent(values: ArrayLike<number>, keep: (index: number) => boolean = () => true): Domain | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || !Number.isFinite(v) || !keep(i)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : undefined;
}

/** A domain with room: a flat range gets ±1 (or ±1% of its value), so a still point is drawn mid-chart. */
export function paddedDomain(domain: Domain | undefined): Domain {
  if (!domain) return [0, 1];
  const [min, max] = domain;
  if (max > min) return domain;
  const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.01 : 1;
  return [min - pad, max + pad];
}

function tracesExtent(traces: readonly ChartTrace[], axis: 'x' | 'y', xDomain?: Domain): Domain | undefined {
  let merged: Domain | undefined;
  for (const trace of traces) {
    const inWindow = xDomain
      ? (i: number) => (trace.x[i] ?? NaN) >= xDomain[0] && (trace.x[i] ?? NaN) <= xDomain[1]
      : undefined;
    const e = extent(axis === 'x' ? trace.x : trace.y, inWindow);
    if (e) merged = merged ? [Math.min(merged[0], e[0]), Math.max(merged[1], e[1])] : e;
  }
  return merged;
}

/** Draw `traces` into `options.width` x `options.height` cells with axes. */
export function renderLineChart(traces: readonly ChartTrace[], options: LineChartOptions): RenderedChart {
  const plotRows = Math.max(1, options.height - 2);
  const xDomain = paddedDomain(options.xDomain ?? tracesExtent(traces, 'x'));
  const yDomain = paddedDomain(options.yDomain ?? tracesExtent(traces, 'y', options.xDomain));
  const yTicks = niceTicks(yDomain, Math.max(1, Math.floor(plotRows / 3)));
  const yLabels = yTicks.map(formatTick);
  const labelWidth = Math.max(1, ...yLabels.map((l) => l.length));
  const plotLeft = labelWidth + 1;
  const plotColumns = Math.max(1, options.width - plotLeft);
  const canvas = new BrailleCanvas(plotColumns, plotRows);

  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const toDotX = (x: number) => ((x - x0) / (x1 - x0)) * (canvas.dotWidth - 1);
  const toDotY = (y: number) => {
    const fraction = (y - y0) / (y1 - y0);
    return (options.invertY ? fraction : 1 - fraction) * (canvas.dotHeight - 1);
  };
  for (const trace of traces) {
    let previous: [number, number] | undefined;
    const n = Math.min(trace.x.length, trace.y.length);
    for (let i = 0; i < n; i++) {
      const x = trace.x[i] ?? NaN;
      const y = trace.y[i] ?? NaN;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        previous = undefined;
        continue;
      }
      const point: [number, number] = [toDotX(x), toDotY(y)];
      if (previous && options.connect !== false) canvas.line(previous[0], previous[1], point[0], point[1], trace.color);
      else canvas.set(point[0], point[1], trace.color);
      previous = point;
    }
  }

  // Which plot row each value tick sits on (top row first).
  const tickAtRow = new Map<number, string>();
  yTicks.forEach((tick, i) => {
    const row = Math.floor(toDotY(tick) / 4);
    if (row >= 0 && row < plotRows && !tickAtRow.has(row)) tickAtRow.set(row, yLabels[i] ?? '');
  });
  const cursorColumn =
    options.cursorX !== undefined && options.cursorX >= x0 && options.cursorX <= x1
      ? Math.floor(toDotX(options.cursorX) / 2)
      : undefined;

  const plot = canvas.segments();
  const lines: Segment[][] = plot.map((cells, row) => {
    const label = tickAtRow.get(row);
    const axis: Segment = {
      text: `${(label ?? '').padStart(labelWidth)}${label !== undefined ? '┤' : '│'}`,
      color: AXIS_COLOR,
    };
    return [
      axis,
      ...(cursorColumn === undefined ? cells : withCursor(cells, cursorColumn, canvas.isSet(cursorColumn, row))),
    ];
  });
  lines.push(...xAxis(xDomain, plotLeft, plotColumns, labelWidth, options.xUnit));
  return { lines, xDomain, yDomain, plotLeft, plotColumns };
}

/** Replace the cell at `column` of a line with the cursor: a bar where it is empty, the dots inverted otherwise. */
function withCursor(cells: Segment[], column: number, hasDots: boolean): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const segment of cells) {
    const chars = Array.from(segment.text);
    const end = at + chars.length;
    if (column < at || column >= end) {
      out.push(segment);
    } else {
      const i = column - at;
      const before = chars.slice(0, i).join('');
      const after = chars.slice(i + 1).join('');
      if (before) out.push({ ...segment, text: before });
      out.push({ text: hasDots ? (chars[i] ?? '│') : '│', color: CURSOR_COLOR });
      if (after) out.push({ ...segment, text: after });
    }
    at = end;
  }
  return out;
}

/** The axis line with tick marks, and the tick labels under it (each centred on its mark when room allows). */
function xAxis(domain: Domain, plotLeft: number, columns: number, labelWidth: number, unit?: string): Segment[][] {
  const suffix = unit ? ` ${unit}` : '';
  const ticks = niceTicks(domain, Math.max(1, Math.floor(columns / 12)));
  const rule = Array.from('─'.repeat(columns));
  const labels = Array.from(' '.repeat(columns + plotLeft));
  let free = 0;
  for (const tick of ticks) {
    const column = Math.round(((tick - domain[0]) / (domain[1] - domain[0])) * (columns - 1));
    if (column < 0 || column >= columns) continue;
    rule[column] = '┬';
    const text = formatTick(tick);
    const start = Math.max(free, plotLeft + column - Math.floor(text.length / 2));
    if (start + text.length > labels.length - suffix.length) continue;
    for (let i = 0; i < text.length; i++) labels[start + i] = text[i] ?? ' ';
    free = start + text.length + 1;
  }
  const labelLine = labels.join('').replace(/\s+$/, '');
  return [
    [{ text: `${' '.repeat(labelWidth)}└${rule.join('')}`, color: AXIS_COLOR }],
    [{ text: `${labelLine}${suffix}`, color: AXIS_COLOR }],
  ];
}

/** Plain text of rendered lines (tests, screenshots). */
export function chartText(chart: RenderedChart): string[] {
  return chart.lines.map((line) => line.map((s) => s.text).join(''));
}
