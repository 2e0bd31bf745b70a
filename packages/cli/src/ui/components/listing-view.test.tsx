import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import type { ListingEntry } from '../data.js';
import { ListingView } from './listing-view.js';

const entries: ListingEntry[] = [
  { name: 'kumar2025', kind: 'folder', uri: 's3://ember-open-data/other/kumar2025/' },
  {
    name: '000463',
    kind: 'folder',
    title: 'SYNTHETIC Mouse food sniff',
    fileCount: 1204,
    size: 3_400_000_000,
    uri: 'dandi://ember-dandi/000463@draft/',
  },
  {
    name: 'pose_est_v6.h5',
    kind: 'file',
    size: 912_345,
    uri: 's3://ember-open-data/other/kumar2025/pose_files/pose_est_v6.h5',
  },
];

const base = { entries, cursor: 0, start: 0, height: 5, width: 80, loading: false, done: true, error: null };

describe('ListingView', () => {
  it('shows folders with a slash, sizes and file counts, and marks the cursor', () => {
    const frame = render(<ListingView {...base} cursor={1} />).lastFrame() ?? '';
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/^ {2}▸ kumar2025\//);
    expect(lines[1]).toMatch(/^› ▸ 000463\/ {2}SYNTHETIC Mouse food sniff\s+3\.40 GB\s+1,204 files/);
    expect(lines[2]).toMatch(/pose_est_v6\.h5.*912 KB/);
    expect(frame).toContain('2/3 entries');
  });

  it('prints names and titles without their escape sequences, at 60 columns', () => {
    const hostile: ListingEntry[] = [
      { name: '\u001B]0;pwned\u0007evil\u001B[2J.nwb', kind: 'file', size: 10, uri: 'dandi://x/evil.nwb' },
      { name: '000999', kind: 'folder', title: 'a\nb\u001B[31m red', uri: 'dandi://x/000999/' },
    ];
    const frame = render(<ListingView {...base} entries={hostile} width={60} />).lastFrame() ?? '';
    expect(frame).not.toMatch(/\u001B[\]2]|pwned/);
    expect(frame).toContain('evil.nwb');
    expect(frame).toContain('000999/  a b red');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('says when more entries can be loaded, and while they load', () => {
    expect(render(<ListingView {...base} done={false} />).lastFrame()).toContain('1/3 entries loaded, more below');
    expect(render(<ListingView {...base} done={false} loading />).lastFrame()).toContain('Loading more… (3 so far)');
    expect(render(<ListingView {...base} entries={[]} done={false} loading />).lastFrame()).toContain('Loading…');
  });

  it('shows only the rows of its window', () => {
    const many = Array.from({ length: 50 }, (_, i): ListingEntry => ({
      name: `file-${String(i).padStart(2, '0')}.h5`,
      kind: 'file',
      uri: `s3://b/file-${i}`,
    }));
    const frame = render(<ListingView {...base} entries={many} cursor={22} start={20} height={4} />).lastFrame() ?? '';
    expect(frame).toContain('file-20.h5');
    expect(frame).toContain('› ');
    expect(frame).toContain('file-23.h5');
    expect(frame).not.toContain('file-19.h5');
    expect(frame).not.toContain('file-24.h5');
  });

  it('prints an error as one sentence with the retry key, never a stack', () => {
    const error =
      'Cannot reach http://127.0.0.1:9/ember-open-data (connection refused).\n    at Socket.connect (net.js:1:1)';
    const frame = render(<ListingView {...base} entries={[]} error={error} />).lastFrame() ?? '';
    expect(frame).toContain('✖ Cannot reach http://127.0.0.1:9/ember-open-data (connection refused).');
    expect(frame).toContain('r to retry');
    expect(frame).not.toContain('Socket.connect');
  });

  it('says so when a folder is empty', () => {
    expect(render(<ListingView {...base} entries={[]} />).lastFrame()).toContain('(empty folder)');
  });
});

describe('ListingView status line', () => {
  it('formats positions and counts for large and single-entry folders', () => {
    const one = [
      { name: 'trials', kind: 'folder' as const, uri: 'dandi://ember-dandi/000472@draft/sub-MANY01/trials/' },
    ];
    expect(render(<ListingView {...base} entries={one} />).lastFrame()).toContain('1/1 entry');
    const many = Array.from({ length: 1050 }, (_, i): ListingEntry => ({ name: `t${i}`, kind: 'file', uri: `u${i}` }));
    expect(
      render(<ListingView {...base} entries={many} cursor={999} start={990} done={false} />).lastFrame(),
    ).toContain('1,000/1,050 entries loaded, more below');
  });
});
