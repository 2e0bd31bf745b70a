// Time from opening a pose URL to the plot drawn, on the sample archive's >= 1 GiB NWB (`--large`). Opt-in
// (EMBER_WEB_BENCH_LARGE=1): the first run generates the gigabyte, which takes minutes on a small machine.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, ensureChromium } from './chromium.js';
import { startViewer, type RunningViewer } from './serve.js';

const enabled = process.env.EMBER_WEB_BENCH_LARGE === '1';
const browserPath = enabled ? ensureChromium() : {};
const LARGE = 'dandi://ember-dandi/000463@draft/sub-LARGE01/sub-LARGE01_ses-benchmark_behavior+image.nwb';

describe.skipIf(!enabled || browserPath.path === undefined)('pose URL to plot on the 1 GiB NWB', () => {
  let viewer: RunningViewer;
  let browser: Browser;
  beforeAll(async () => {
    viewer = await startViewer({ large: true });
    browser = await chromium.launch({ executablePath: browserPath.path, args: chromiumArgs() });
  }, 3_600_000);
  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
  });

  it('draws the chart', async () => {
    // A new page per run: the second load finds the server's file and block caches warm, not the page's state.
    // A failed run is recorded and the next one still measured, so one failure does not hide the other number.
    const failures: string[] = [];
    for (const run of ['cold', 'warm']) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const opened = Date.now();
      await page.goto(`${viewer.url}/#/pose?id=${encodeURIComponent(LARGE)}`);
      // The chart, or the view's error sentence (then fail with it rather than wait out the timeout).
      await page.locator('[data-testid="chart-x"] canvas, [role="alert"]').first().waitFor({ timeout: 300_000 });
      const alert = page.getByRole('alert');
      if ((await alert.count()) > 0) {
        failures.push(
          `${run}: the Pose view showed an error after ${Date.now() - opened} ms: ${await alert.first().innerText()}`,
        );
        await page.close();
        continue;
      }
      const painted = await page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="chart-x"] canvas');
        const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        let count = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) count += 1;
        return count;
      });
      expect(painted).toBeGreaterThan(500);
      console.info(`1 GiB NWB, ${run} server: pose URL to chart drawn in ${Date.now() - opened} ms`);
      await page.close();
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
