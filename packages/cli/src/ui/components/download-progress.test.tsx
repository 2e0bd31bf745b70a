import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import type { DownloadEvent } from '@ember-archive/core/node';
import { DownloadProgress, formatEta, progressBar } from './download-progress.js';
import { initialDownloadProgress, reduceDownloadProgress } from '../hooks/use-download-progress.js';

const events: DownloadEvent[] = [
  { type: 'start', files: 3, totalBytes: 3_000_000 },
  { type: 'file-start', path: 'sub-01/a.nwb', size: 1_000_000, resumed: 0 },
  { type: 'file-start', path: 'sub-01/b.nwb', size: 1_000_000, resumed: 250_000 },
  { type: 'progress', path: 'sub-01/a.nwb', bytes: 500_000, size: 1_000_000 },
  { type: 'retry', path: 'sub-01/b.nwb', attempt: 1, delayMs: 500, reason: 'HTTP 503' },
  {
    type: 'file-done',
    outcome: {
      path: 'c.nwb',
      status: 'failed',
      size: 1_000_000,
      fetched: 0,
      resumed: 0,
      error: 'c.nwb failed verification.',
      errorCode: 'integrity',
    },
  },
];

describe('reduceDownloadProgress', () => {
  it('counts resumed and fetched bytes once, and drops a failed file from the total done', () => {
    const state = events.reduce((s, e) => reduceDownloadProgress(s, e, 1000), initialDownloadProgress(0));
    expect(state.doneBytes).toBe(750_000);
    expect(state.active.map((f) => [f.path, f.bytes, f.retries])).toEqual([
      ['sub-01/a.nwb', 500_000, 0],
      ['sub-01/b.nwb', 250_000, 1],
    ]);
    const done = reduceDownloadProgress(
      state,
      {
        type: 'file-done',
        outcome: { path: 'sub-01/a.nwb', status: 'downloaded', size: 1_000_000, fetched: 1_000_000, resumed: 0 },
      },
      2000,
    );
    expect(done.doneBytes).toBe(1_250_000);
    expect(done.downloaded).toBe(1);
    expect(done.active).toHaveLength(1);
  });
});

describe('DownloadProgress', () => {
  it('shows the overall bar, a bar per file with retries, and failures one line each', () => {
    const state = events.reduce((s, e) => reduceDownloadProgress(s, e, 1000), initialDownloadProgress(0));
    const frame = render(<DownloadProgress progress={state} width={100} />).lastFrame() ?? '';
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/^1\/3 files .* 25% 750 KB \/ 3.00 MB/);
    // 750 KB in one second: 2.25 MB left take 3 s.
    expect(lines[1]).toBe('  750 KB/s · ETA 3 s');
    expect(lines[2]).toMatch(/sub-01\/a\.nwb .* 50% 500 KB \/ 1.00 MB/);
    expect(lines[3]).toMatch(/sub-01\/b\.nwb .* 25% .*retry 1: HTTP 503/);
    expect(lines[4]).toBe('failed c.nwb: c.nwb failed verification.');
  });

  it.each([
    [0.2, '1 s'],
    [59, '59 s'],
    [600, '10 min'],
    [7500, '2 h 05 min'],
    [NaN, '—'],
    [-1, '—'],
  ])('an ETA of %d s reads %s', (seconds, text) => expect(formatEta(seconds)).toBe(text));

  it("shows each file's speed and time left from the bytes this run fetched", () => {
    let state = reduceDownloadProgress(
      initialDownloadProgress(0),
      { type: 'start', files: 1, totalBytes: 1_000_000 },
      0,
    );
    state = reduceDownloadProgress(state, { type: 'file-start', path: 'a.nwb', size: 1_000_000, resumed: 200_000 }, 0);
    state = reduceDownloadProgress(state, { type: 'progress', path: 'a.nwb', bytes: 600_000, size: 1_000_000 }, 2000);
    const lines = (render(<DownloadProgress progress={state} width={100} />).lastFrame() ?? '').split('\n');
    // 400 KB fetched in 2 s (the 200 KB resumed do not count): 200 KB/s, 400 KB left take 2 s.
    expect(lines[2]).toContain('200 KB/s, 2 s left');
  });

  it('draws bars proportionally', () => {
    expect(progressBar(0.5, 10)).toBe('█████░░░░░');
    expect(progressBar(2, 4)).toBe('████');
    expect(progressBar(-1, 4)).toBe('░░░░');
  });
});
