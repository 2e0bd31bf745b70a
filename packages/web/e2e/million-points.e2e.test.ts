// Does a 1M-point series stay responsive in the chart library the Pose view uses? uPlot (the same build the viewer
// bundles) in headless Chromium: time to the first draw, to a zoom redraw, and per cursor move. The numbers are
// printed for the README; the bounds only catch a regression of an order of magnitude on a slow shared machine.
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, ensureChromium } from './chromium.js';

const browserPath = ensureChromium();
const UPLOT = createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js');

describe.skipIf(browserPath.path === undefined)('a 1M-point series in uPlot', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: browserPath.path, args: chromiumArgs() });
  });
  afterAll(async () => browser?.close());

  it('draws, zooms and follows the cursor quickly', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 600 } });
    await page.setContent('<div id="chart"></div>');
    await page.addScriptTag({ path: UPLOT });
    const timings = await page.evaluate(async () => {
      type Plot = {
        over: HTMLElement;
        setScale: (key: string, range: { min: number; max: number }) => void;
      };
      const uPlot = (window as unknown as { uPlot: new (o: object, d: number[][], e: HTMLElement) => Plot }).uPlot;
      const n = 1_000_000;
      const x = new Array<number>(n);
      const y = new Array<number>(n);
      for (let i = 0; i < n; i += 1) {
        x[i] = i / 60;
        y[i] = 300 + 50 * Math.sin(i / 500) + 10 * Math.sin(i / 7);
      }
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const t0 = performance.now();
      const plot = new uPlot(
        { width: 1200, height: 300, scales: { x: { time: false } }, series: [{}, { stroke: '#4e79a7' }] },
        [x, y],
        document.getElementById('chart') as HTMLElement,
      );
      await frame();
      const firstDraw = performance.now() - t0;
      const t1 = performance.now();
      plot.setScale('x', { min: 1000, max: 4000 });
      await frame();
      const zoom = performance.now() - t1;
      const rect = plot.over.getBoundingClientRect();
      const t2 = performance.now();
      for (let i = 0; i < 100; i += 1) {
        plot.over.dispatchEvent(
          new MouseEvent('mousemove', {
            clientX: rect.left + (i / 100) * rect.width,
            clientY: rect.top + 50,
            bubbles: true,
          }),
        );
      }
      await frame();
      const cursorMove = (performance.now() - t2) / 100;
      return { firstDraw, zoom, cursorMove };
    });
    console.info(
      `1M points: first draw ${timings.firstDraw.toFixed(0)} ms, zoom ${timings.zoom.toFixed(0)} ms, ` +
        `cursor move ${timings.cursorMove.toFixed(2)} ms`,
    );
    expect(timings.firstDraw).toBeLessThan(5_000);
    expect(timings.zoom).toBeLessThan(2_000);
    expect(timings.cursorMove).toBeLessThan(50);
  });
});
