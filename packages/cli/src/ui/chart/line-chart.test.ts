import { describe, expect, it } from 'vitest';
import {
  chartText,
  extent,
  formatTick,
  niceStep,
  niceTicks,
  paddedDomain,
  renderLineChart,
  type ChartTrace,
} from './line-chart.js';

const BRAILLE = /[\u2801-\u28ff]/;

describe('axis arithmetic', () => {
  it.each([
    [10, 5, 2],
    [1, 4, 0.2],
    [1000, 3, 500],
    [7, 7, 1],
    [0, 5, 1],
  ])('niceStep(%d, %d) = %d', (span, target, step) => expect(niceStep(span, target)).toBe(step));

  it.each([
    [[0, 10] as const, 5, [0, 2, 4, 6, 8, 10]],
    [[0.1, 0.95] as const, 4, [0.2, 0.4, 0.6, 0.8]],
    [[-3, 3] as const, 3, [-2, 0, 2]],
  ])('niceTicks(%j, %d)', (domain, target, ticks) => expect(niceTicks(domain, target)).toEqual(ticks));

  it.each([
    [0, '0'],
    [1200, '1200'],
    [12.5, '12.5'],
    [0.30000000000000004, '0.3'],
    [1.5e6, '1.5e+6'],
    [-0.0001, '-1e-4'],
  ])('formatTick(%d) = %s', (value, text) => expect(formatTick(value)).toBe(text));

  it('skips NaN and infinities, and indices the filter drops', () => {
    expect(extent([3, NaN, -1, Infinity, 7])).toEqual([-1, 7]);
    expect(extent([3, 9, 5], (i) => i !== 1)).toEqual([3, 5]);
    expect(extent([NaN])).toBeUndefined();
  });

  it('pads a flat domain so a still point sits inside it', () => {
    expect(paddedDomain([5, 5])).toEqual([4.95, 5.05]);
    expect(paddedDomain([0, 0])).toEqual([-1, 1]);
    expect(paddedDomain(undefined)).toEqual([0, 1]);
    expect(paddedDomain([1, 2])).toEqual([1, 2]);
  });
});

const ramp: ChartTrace = { label: 'ramp', color: 'cyan', x: [0, 1, 2, 3, 4], y: [0, 10, 20, 30, 40] };

describe('renderLineChart', () => {
  it('fills exactly width x height cells, value labels left and time labels below', () => {
    const chart = renderLineChart([ramp], { width: 40, height: 10, xUnit: 's' });
    const text = chartText(chart);
    expect(text).toHaveLength(10);
    for (const line of text.slice(0, 9)) expect(Array.from(line).length).toBe(40);
    expect(text[0]).toMatch(/^40┤/);
    expect(text.some((l) => /^ 0┤/.test(l))).toBe(true);
    expect(text[8]).toMatch(/^ {2}└┬─+┬/);
    expect(text[9]).toMatch(/^ {3}0 .* s$/);
    expect(chart.plotLeft).toBe(3);
    expect(chart.plotColumns).toBe(37);
  });

  it('draws a rising series from the bottom left to the top right', () => {
    const text = chartText(renderLineChart([ramp], { width: 30, height: 8 }));
    const plot = text.slice(0, 6).map((l) => l.slice(3));
    expect(plot[0]?.trimEnd().slice(-1)).toMatch(BRAILLE);
    expect(plot[0]?.[0]).toBe(' ');
    expect(plot[5]?.[0]).toMatch(BRAILLE);
    expect(plot[5]?.trimEnd().length).toBeLessThan(5);
  });

  it('leaves a gap where a sample is NaN', () => {
    const gappy: ChartTrace = {
      label: 'g',
      color: 'cyan',
      x: [0, 1, 2, 3, 4, 5, 6, 7, 8],
      y: [1, 1, 1, NaN, NaN, NaN, 1, 1, 1],
    };
    const chart = renderLineChart([gappy], { width: 21, height: 3, yDomain: [0, 2] });
    const row = chartText(chart)[0]?.slice(chart.plotLeft) ?? '';
    expect(row.slice(0, 4)).toMatch(new RegExp(`^${BRAILLE.source}+`));
    expect(row.slice(8, 12).trim()).toBe('');
    expect(row.slice(-3)).toMatch(BRAILLE);
  });

  it('colours each trace in its own colour', () => {
    const low: ChartTrace = { label: 'low', color: 'magenta', x: [0, 4], y: [0, 0] };
    const high: ChartTrace = { label: 'high', color: 'yellow', x: [0, 4], y: [40, 40] };
    const { lines } = renderLineChart([low, high], { width: 20, height: 6 });
    const colours = new Set(lines.flat().map((s) => s.color));
    expect(colours).toContain('magenta');
    expect(colours).toContain('yellow');
    expect(lines[0]?.some((s) => s.color === 'yellow' && BRAILLE.test(s.text))).toBe(true);
    expect(lines[3]?.some((s) => s.color === 'magenta' && BRAILLE.test(s.text))).toBe(true);
  });

  it('draws only what falls inside a zoomed window, and scales values to that window', () => {
    const chart = renderLineChart([ramp], { width: 20, height: 6, xDomain: [1, 2] });
    expect(chart.yDomain).toEqual([10, 20]);
    expect(chart.xDomain).toEqual([1, 2]);
  });

  it('puts larger y lower when asked (image rows, for trajectories)', () => {
    const dot: ChartTrace = { label: 'd', color: 'cyan', x: [0, 1], y: [0, 10] };
    const down = chartText(renderLineChart([dot], { width: 12, height: 6, invertY: true, connect: false }));
    const up = chartText(renderLineChart([dot], { width: 12, height: 6, connect: false }));
    expect(down[3]?.trimEnd().slice(-1)).toMatch(BRAILLE);
    expect(up[0]?.trimEnd().slice(-1)).toMatch(BRAILLE);
  });

  it('shows a cursor column at the asked x', () => {
    const flat: ChartTrace = { label: 'f', color: 'cyan', x: [0, 10], y: [0, 0] };
    const chart = renderLineChart([flat], { width: 23, height: 4, cursorX: 5, yDomain: [-1, 1] });
    const top = chartText(chart)[0] ?? '';
    expect(top.indexOf('│', chart.plotLeft)).toBe(chart.plotLeft + 10);
  });

  it('draws nothing but axes for no traces', () => {
    const text = chartText(renderLineChart([], { width: 20, height: 5 }));
    expect(text.join('')).not.toMatch(BRAILLE);
    expect(text).toHaveLength(5);
  });
});
