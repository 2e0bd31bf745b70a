// The viewer in a real browser (Debian's Chromium through playwright-core) against `ember-archive serve` on the
// sample archive: a person's path from Home to a pose chart, a deep link, h5web's inspector, and axe-core's
// accessibility check. Screenshots for the README are written to docs/ with EMBER_WEB_SCREENSHOTS=1 (a test run
// leaves the work tree as it found it), else to a temporary folder.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, ensureChromium } from './chromium.js';
import { startViewer, type RunningViewer } from './serve.js';

const browserPath = ensureChromium();
if (browserPath.path === undefined) {
  console.warn(`Skipping the web viewer e2e: Chromium is not available (${browserPath.reason}).`);
}
const DOCS =
  process.env['EMBER_WEB_SCREENSHOTS'] === '1'
    ? fileURLToPath(new URL('../docs/', import.meta.url))
    : `${mkdtempSync(join(tmpdir(), 'ember-web-shots-'))}/`;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Painted pixels (alpha > 0) of the first canvas under `selector`. */
async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>(`${sel} canvas, canvas${sel}`));
    let painted = 0;
    for (const canvas of canvases) {
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      if (!data) continue;
      for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) painted += 1;
    }
    return painted;
  }, selector);
}

/** axe-core's serious and critical violations on the page, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact?: string;
      nodes: { target: string[] }[];
    }
    const result = await axe.run({ exclude: [['.h5web']] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe.skipIf(browserPath.path === undefined)('web viewer in Chromium', () => {
  let viewer: RunningViewer;
  let browser: Browser;
  let page: Page;
  let poseFileUrl = '';

  beforeAll(async () => {
    viewer = await startViewer();
    browser = await chromium.launch({ executablePath: browserPath.path, args: chromiumArgs() });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
  });

  it('opens a dandiset from Home and reaches a pose file', async () => {
    await page.goto(`${viewer.url}/`);
    const dandisets = page.getByRole('region', { name: 'Dandisets' });
    await dandisets.getByRole('link', { name: /000463/ }).click();
    await page
      .getByRole('link', { name: /sub-ADPTM01/ })
      .first()
      .click();
    await page
      .getByRole('link', { name: /behavior\+image\.nwb/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'NWB summary' }).waitFor();
    await page.screenshot({ path: `${DOCS}file.png` });
    await page.getByRole('link', { name: 'Open the Pose view' }).click();
    await page.getByText('Metrics of the window').waitFor({ timeout: 60_000 });
    poseFileUrl = page.url();
    expect(poseFileUrl).toContain('#/pose?id=');
  });

  it('draws the pose charts, trajectory and skeleton', async () => {
    await page.locator('[data-testid="chart-x"] canvas').first().waitFor();
    expect(await paintedPixels(page, '[data-testid="chart-x"]')).toBeGreaterThan(500);
    expect(await paintedPixels(page, '[data-testid="trajectory"]')).toBeGreaterThan(200);
    expect(await paintedPixels(page, '[data-testid="skeleton"]')).toBeGreaterThan(20);
    await page.screenshot({ path: `${DOCS}pose.png`, fullPage: true });
  });

  it('jumps to a clicked time, plays, and exports the window as CSV', async () => {
    const box = await page.locator('[data-testid="chart-y"] .u-over').boundingBox();
    if (!box) throw new Error('the y chart has no plotting area');
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.waitForURL(/frame=\d+/);
    const clicked = Number(new URL(page.url().replace('#/', '')).searchParams.get('frame'));
    // The middle of a 1,800-frame window.
    expect(clicked).toBeGreaterThan(700);
    expect(clicked).toBeLessThan(1100);
    await page.getByText(`Skeleton at frame ${clicked}`).waitFor();

    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(600);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForURL((url) => Number(new URL(url.href.replace('#/', '')).searchParams.get('frame')) > clicked);

    const href = await page.getByRole('link', { name: 'Export CSV of this window' }).getAttribute('href');
    const csv = await page.request.get(href ?? '');
    expect(csv.ok()).toBe(true);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^frame,time,individual,keypoint,x,y/);
    // 1,800 frames of 6 keypoints of one mouse.
    expect(lines.length - 1).toBe(1800 * 6);
  });

  it('zooms by dragging across a chart, asking the API for the new window', async () => {
    const box = await page.locator('[data-testid="chart-x"] .u-over').boundingBox();
    if (!box) throw new Error('the x chart has no plotting area');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(/start=\d+&end=\d+/);
    const search = new URL(page.url().replace('#/', '')).searchParams;
    const width = Number(search.get('end')) - Number(search.get('start'));
    // A fifth of the chart's width of a 1,800-frame window, give or take the plot's edges.
    expect(width).toBeGreaterThan(250);
    expect(width).toBeLessThan(450);
    await page.getByText(new RegExp(`frames ${Number(search.get('start')).toLocaleString('en-US')}–`)).waitFor();
  });

  it('follows a deep link to a window and a frame', async () => {
    const id = new URL(poseFileUrl.replace('#/', '')).searchParams.get('id') ?? '';
    const opened = Date.now();
    await page.goto(`${viewer.url}/#/pose?id=${encodeURIComponent(id)}&start=10&end=100&frame=50&threshold=0.3`);
    await page.getByText('Skeleton at frame 50').waitFor({ timeout: 60_000 });
    await expect.poll(() => paintedPixels(page, '[data-testid="chart-x"]')).toBeGreaterThan(500);
    console.info(`pose deep link to chart drawn: ${Date.now() - opened} ms`);
    await page.getByText(/frames 10–99 of/).waitFor();
    expect(await page.getByRole('slider', { name: /Confidence threshold/ }).inputValue()).toBe('0.3');
  });

  it('pages through a folder of 1,050 entries and keeps only the visible rows in the page', async () => {
    await page.goto(
      `${viewer.url}/#/browse?id=${encodeURIComponent('dandi://ember-dandi/000472@draft/sub-MANY01/trials')}`,
    );
    // The API's first page holds 1,000 entries (its page cap); "Load more" follows the cursor.
    await page.getByText('1,000 of 1,000 loaded').waitFor({ timeout: 60_000 });
    // Follow the API's cursors until the whole folder is loaded.
    for (let page_ = 0; page_ < 20 && (await page.getByRole('button', { name: 'Load more' }).count()) > 0; page_ += 1) {
      await page.getByRole('button', { name: 'Load more' }).click();
      await page
        .getByRole('button', { name: 'Load more' })
        .or(page.getByText('1,050 of 1,050 loaded'))
        .first()
        .waitFor();
    }
    await page.getByText('1,050 of 1,050 loaded').waitFor();
    const rows = await page.locator('.listing-scroll [role="row"]').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(100);
    // Keyboard: End reaches the last entry, whose row is rendered only once scrolled to.
    await page.locator('.listing-scroll a').first().focus();
    await page.keyboard.press('End');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('data-index')))
      .toBe('1049');
  });

  it('shows a bucket name that is markup as text, running nothing', async () => {
    // The sample archive's `tools/<img src=x onerror=window.__pwned=1>.txt` (sample-archive world/tools.ts).
    const name = '<img src=x onerror=window.__pwned=1>.txt';
    await page.goto(`${viewer.url}/#/browse?id=${encodeURIComponent('s3://ember-open-data/tools/')}`);
    await page.getByRole('link', { name }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name }).waitFor();
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('opens a JABS pose file of a bucket project in the Pose view', async () => {
    await page.goto(`${viewer.url}/`);
    await page
      .getByRole('region', { name: 'Projects (bucket)' })
      .getByRole('link', { name: /kumar2025/ })
      .click();
    await page.getByRole('link', { name: /pose_files/ }).click();
    await page
      .getByRole('link', { name: /_pose_est_v\d+\.h5$/ })
      .first()
      .click();
    await page.getByRole('link', { name: 'Open the Pose view' }).click();
    await page.getByText('Metrics of the window').waitFor({ timeout: 60_000 });
    await expect.poll(() => paintedPixels(page, '[data-testid="skeleton"]')).toBeGreaterThan(20);
    expect(await page.getByText(/jabs/i).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${DOCS}pose-jabs.png`, fullPage: true });
  });

  it("opens the file in h5web's inspector", async () => {
    const id = new URL(poseFileUrl.replace('#/', '')).searchParams.get('id') ?? '';
    const path = '/acquisition/SyntheticThermistor/data';
    await page.goto(`${viewer.url}/#/file?id=${encodeURIComponent(id)}&tab=inspect&path=${encodeURIComponent(path)}`);
    // h5web's explorer lists the root's children; "processing" is in every NWB file.
    await page.locator('.h5web').getByText('processing', { exact: true }).first().waitFor({ timeout: 60_000 });
    // The dataset at `path` is selected and plotted (h5web's line visualisation draws on a canvas).
    await page.locator('.h5web canvas').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${DOCS}inspector.png` });
  });

  it('has no serious or critical accessibility violations (axe-core), in light and dark', async () => {
    const found: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${viewer.url}/`);
      await page.getByRole('region', { name: 'Dandisets' }).waitFor();
      found.push(...(await seriousViolations(page)).map((v) => `home/${scheme}: ${v}`));
      if (scheme === 'dark') await page.screenshot({ path: `${DOCS}home-dark.png` });
      else await page.screenshot({ path: `${DOCS}home.png` });
      await page.goto(poseFileUrl);
      await page.getByText('Metrics of the window').waitFor({ timeout: 60_000 });
      found.push(...(await seriousViolations(page)).map((v) => `pose/${scheme}: ${v}`));
    }
    expect(found).toEqual([]);
  });
});
