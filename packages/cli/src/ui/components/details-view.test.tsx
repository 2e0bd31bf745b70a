import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { DetailsView } from './details-view.js';

describe('DetailsView', () => {
  it('shows shape, dtype, chunks, filters, size on disk, fill value, first values and attributes of a dataset', () => {
    const summary = {
      path: '/poseest/points',
      shape: [1800, 12, 2],
      dtype: 'uint16',
      chunks: [100, 12, 2],
      filters: ['deflate'],
      storageSize: 64_000,
      fillValue: '-1',
      attrs: {
        units: 'pixels',
        cm_per_pixel: 0.0725,
        corners: [
          [1, 2],
          [3, 4],
        ],
        ref: { reference: '/poseest/confidence' },
      },
      firstValues: ['312', '204', '318'],
      elementCount: 43_200,
    };
    const frame =
      render(<DetailsView details={{ kind: 'dataset', summary }} width={60} height={20} />).lastFrame() ?? '';
    expect(frame).toContain('/poseest/points');
    expect(frame).toMatch(/shape\s+\(1800, 12, 2\)/);
    expect(frame).toMatch(/dtype\s+uint16/);
    expect(frame).toMatch(/chunks\s+\(100, 12, 2\)/);
    expect(frame).toMatch(/filters\s+deflate/);
    expect(frame).toMatch(/on disk\s+64.0 KB/);
    expect(frame).toMatch(/fill\s+-1\n/);
    expect(frame).toContain('312, 204, 318, … (43,200 values)');
    expect(frame).toMatch(/cm_per_pixel\s+0.0725/);
    expect(frame).toMatch(/corners\s+\[\[1, 2\], \[3, 4\]\]/);
    expect(frame).toMatch(/ref\s+→ \/poseest\/confidence/);
  });
  it('calls a contiguous, unfiltered dataset so', () => {
    const summary = {
      path: '/x',
      shape: [],
      dtype: 'float64',
      chunks: null,
      filters: [],
      attrs: {},
      firstValues: ['2.5'],
      elementCount: 1,
    };
    const frame =
      render(<DetailsView details={{ kind: 'dataset', summary }} width={60} height={20} />).lastFrame() ?? '';
    expect(frame).toMatch(/shape\s+\(\)/);
    expect(frame).toMatch(/chunks\s+contiguous/);
    expect(frame).toMatch(/filters\s+none/);
    expect(frame).toContain('  2.5');
    expect(frame).not.toContain('values)');
    expect(frame).toContain('no attributes');
  });
  it("lists a group's attributes and says how many did not fit", () => {
    const attrs = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`attr${i}`, i]));
    const frame =
      render(<DetailsView details={{ kind: 'other', path: '/general', attrs }} width={50} height={6} />).lastFrame() ??
      '';
    expect(frame).toContain('/general');
    expect(frame).toMatch(/attr0\s+0/);
    expect(frame).toContain('… 8 more');
  });
});
