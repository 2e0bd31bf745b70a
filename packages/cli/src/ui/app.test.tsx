import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App, initialScreen } from './app.js';
import { ExplorerProvider, type Explorer, type ListingEntry } from './data.js';
import { KEYS, memoryArchive, until } from './test-support/memory-archive.js';

const folder = (name: string, uri: string): ListingEntry => ({ name, kind: 'folder', uri });
const file = (name: string, uri: string, size = 10): ListingEntry => ({ name, kind: 'file', uri, size });

const manyKeys = Array.from({ length: 5000 }, (_, i) =>
  file(`key-${String(i).padStart(5, '0')}.bin`, `s3://b/big/key-${i}`),
);

function start(data: Explorer, initialTarget?: string) {
  const ui = render(
    <ExplorerProvider value={data}>
      <App size={{ columns: 100, rows: 20 }} {...(initialTarget ? { initialTarget } : {})} />
    </ExplorerProvider>,
  );
  const frame = () => ui.lastFrame() ?? '';
  const press = async (key: string, expect: (f: string) => boolean, what: string) => {
    ui.stdin.write(key);
    await until(() => expect(frame()), 3000, what).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${frame()}`);
    });
  };
  return { ui, frame, press };
}

afterEach(() => cleanup());

describe('App', () => {
  it('opens a folder with enter and comes back to the same row with backspace', async () => {
    const data = memoryArchive({
      '': [folder('kumar2025', 's3://b/other/kumar2025/'), folder('000463', 'dandi://ember-dandi/000463@draft/')],
      's3://b/other/kumar2025/': [
        folder('pose_files', 's3://b/other/kumar2025/pose_files/'),
        file('index.html', 's3://b/other/kumar2025/index.html'),
      ],
      'dandi://ember-dandi/000463@draft/': [folder('sub-ADPTM01', 'dandi://ember-dandi/000463@draft/sub-ADPTM01/')],
    });
    const { frame, press } = start(data);
    await until(() => frame().includes('000463/'), 3000, 'root listing');
    expect(frame()).toContain('EMBER archive: projects and dandisets');
    expect(frame()).toMatch(/› ▸ kumar2025\//);
    await press(KEYS.down, (f) => /› ▸ 000463\//.test(f), 'cursor on 000463');
    await press(KEYS.enter, (f) => f.includes('sub-ADPTM01/'), 'dandiset listing');
    expect(frame()).toContain('dandi://ember-dandi/000463@draft/');
    await press(KEYS.backspace, (f) => /› ▸ 000463\//.test(f), 'back at root with the cursor kept');
    // Going back did not list the root again: it was kept, pages and cursor included.
    expect(data.log.pagesServed['']).toBe(1);
    await press(KEYS.up, (f) => /› ▸ kumar2025\//.test(f), 'cursor on kumar2025');
    await press(KEYS.right, (f) => f.includes('index.html'), 'project listing');
    await press(KEYS.down, (f) => /› {3}index\.html/.test(f), 'cursor on index.html');
    await press(KEYS.enter, (f) => f.includes('index.html is not an HDF5 or NWB file'), 'notice for a non-HDF5 file');
  });

  it('loads pages only as the cursor nears the end of what is loaded', async () => {
    const data = memoryArchive({ '': [folder('big', 's3://b/big/')], 's3://b/big/': manyKeys }, { pageSize: 100 });
    const { frame, press } = start(data, 's3://b/big/');
    await until(() => frame().includes('key-00000.bin'), 3000, 'first page');
    await until(() => frame().includes('entries loaded, more below'), 3000, 'status line');
    expect(data.log.pagesServed['s3://b/big/']).toBe(1);
    const position = () => Number(/(\d+)\/[\d,]+ entries/.exec(frame())?.[1] ?? 0);
    // Page down (15 rows a screen) until the cursor passes row 150; each press moves the cursor.
    while (position() < 150) {
      const before = position();
      await press(KEYS.pageDown, () => position() > before, `page down from ${before}`);
    }
    await new Promise((r) => setTimeout(r, 50));
    // Rows up to ~165 are needed: two pages of 100. The other 48 pages were never asked for.
    expect(data.log.pagesServed['s3://b/big/']).toBe(2);
    expect(frame()).toMatch(/\/200 entries loaded, more below/);
  });

  it('shows a failed listing as one sentence and retries with r', async () => {
    let fail = true;
    const data = memoryArchive({
      '': () => {
        if (fail) throw new Error('Cannot reach http://127.0.0.1:9/ (connection refused).');
        return [];
      },
    });
    const { frame, press } = start(data);
    await until(() => frame().includes('✖'), 3000, 'error line');
    expect(frame()).toContain('Cannot reach http://127.0.0.1:9/ (connection refused).');
    expect(frame()).not.toMatch(/\n\s+at /);
    fail = false;
    await press('r', (f) => f.includes('(empty folder)'), 'retried listing');
  });

  it('toggles the help with ? and keeps the footer from the key map', async () => {
    const data = memoryArchive({ '': [folder('kumar2025', 's3://b/other/kumar2025/')] });
    const { frame, press } = start(data);
    await until(() => frame().includes('kumar2025/'), 3000, 'root listing');
    expect(frame()).toMatch(/q quit/);
    await press('?', (f) => f.includes('Keys (press ? again to close)'), 'help shown');
    expect(frame()).not.toContain('kumar2025/');
    await press('?', (f) => f.includes('kumar2025/'), 'help hidden');
  });

  it('opens an HDF5 file, expands a group, shows details, and closes the file on the way out', async () => {
    const uri = 's3://b/pose_files/m1_pose_est_v6.h5';
    const data = memoryArchive(
      { '': [file('m1_pose_est_v6.h5', uri, 900_000)] },
      {
        files: {
          [uri]: {
            '/': [{ path: '/poseest', kind: 'group' }],
            '/poseest': [
              { path: '/poseest/points', kind: 'dataset', shape: [1800, 12, 2], dtype: 'uint16' },
              { path: '/poseest/confidence', kind: 'dataset', shape: [1800, 12], dtype: 'float32' },
            ],
          },
        },
      },
    );
    const { frame, press } = start(data);
    await until(() => frame().includes('m1_pose_est_v6.h5'), 3000, 'listing');
    await press(KEYS.enter, (f) => f.includes('▸ poseest/'), 'file tree');
    expect(frame()).toContain('1.00 KB file · 1 request, 100 B fetched');
    await press(KEYS.enter, (f) => f.includes('points (1800, 12, 2) uint16'), 'expanded group');
    await press(KEYS.down, (f) => /shape\s+\(3,\)/.test(f) && f.includes('1, 2, 3'), 'dataset details');
    await press(KEYS.left, (f) => /› ▾ poseest\//.test(f), 'left goes to the parent group');
    await press(KEYS.left, (f) => /› ▸ poseest\//.test(f), 'left collapses it');
    await press(KEYS.backspace, (f) => f.includes('Browse'), 'back to the browser');
    await until(() => data.log.closed.includes(uri), 3000, 'file closed');
  });

  it('switches cameras of a multi-camera pose file with c, and back to the first after the last', async () => {
    const uri = 's3://b/sub-1/ses-1_behavior.nwb';
    const containers = ['/processing/behavior/Front', '/processing/behavior/Side'];
    const asked: (string | undefined)[] = [];
    const data = memoryArchive(
      { '': [file('ses-1_behavior.nwb', uri)] },
      {
        files: { [uri]: { '/': [{ path: '/processing', kind: 'group' }] } },
        pose: (container) => {
          asked.push(container);
          const shown = container ?? containers[0]!;
          const keypoint = shown.endsWith('Side') ? 'tail_base' : 'snout';
          return {
            source: 'ndx-pose',
            container: shown,
            containers,
            individuals: ['mouse'],
            keypoints: [keypoint],
            edges: [],
            frameCount: 10,
            start: 0,
            end: 10,
            duration: 0.3,
            unit: 'pixels',
            threshold: 0.3,
            metrics: [[{ keypoint, missing: 0, lowConfidence: 0, distance: 1, meanSpeed: 1 }]],
            series: [
              {
                individual: 'mouse',
                keypoint,
                frame: [0, 1, 2],
                time: [0, 0.1, 0.2],
                x: [1, 2, 3],
                y: [1, 2, 3],
                confidence: [1, 1, 1],
              },
            ],
          };
        },
      },
    );
    const { frame, press } = start(data);
    await until(() => frame().includes('ses-1_behavior.nwb'), 3000, 'listing');
    await press(KEYS.enter, (f) => f.includes('processing/'), 'file tree');
    await press('p', (f) => f.includes('cam 1/2') && f.includes('snout'), 'first camera');
    await press(
      'c',
      (f) => f.includes('cam 2/2') && f.includes('tail_base') && f.includes('/processing/behavior/Side'),
      'second camera',
    );
    await press('c', (f) => f.includes('cam 1/2') && f.includes('snout'), 'back to the first');
    expect(asked).toEqual([undefined, containers[1], containers[0]]);
  });

  it('starts on the file screen for a file target, and on the browser otherwise', () => {
    expect(initialScreen('dandi://ember-dandi/000463@draft/sub-ADPTM01/x.nwb#/processing')).toEqual({
      kind: 'file',
      uri: 'dandi://ember-dandi/000463@draft/sub-ADPTM01/x.nwb#/processing',
    });
    expect(initialScreen('s3://ember-open-data/other/kumar2025/')).toEqual({
      kind: 'browser',
      uri: 's3://ember-open-data/other/kumar2025/',
    });
    expect(initialScreen(undefined)).toEqual({ kind: 'browser', uri: undefined });
  });
});

describe('App with a fragment', () => {
  it('opens the file with the object named after # expanded and selected', async () => {
    const uri = 's3://b/x.nwb';
    const data = memoryArchive(
      {},
      {
        files: {
          [`${uri}#/processing/behavior/Pose`]: {
            '/': [
              { path: '/acquisition', kind: 'group' },
              { path: '/processing', kind: 'group' },
            ],
            '/processing': [{ path: '/processing/behavior', kind: 'group' }],
            '/processing/behavior': [
              { path: '/processing/behavior/Pose', kind: 'group' },
              { path: '/processing/behavior/Other', kind: 'group' },
            ],
          },
        },
      },
    );
    const { frame } = start(data, `${uri}#/processing/behavior/Pose`);
    await until(() => /› {5}▸ Pose\//.test(frame()), 3000, 'the fragment object selected').catch((e: unknown) => {
      throw new Error(`${String(e)}\n${frame()}`);
    });
    expect(frame()).toContain('▾ processing/');
    expect(frame()).toContain('▾ behavior/');
    expect(frame()).toContain('▸ acquisition/');
  });
});

describe('App started inside a folder', () => {
  it('goes up past where it started, with the cursor on the folder it came from', async () => {
    const data = memoryArchive({
      's3://b/other/kumar2025/': [
        folder('classifiers', 's3://b/other/kumar2025/classifiers/'),
        folder('pose_files', 's3://b/other/kumar2025/pose_files/'),
        folder('videos', 's3://b/other/kumar2025/videos/'),
      ],
      's3://b/other/kumar2025/pose_files/': [
        file('a_pose_est_v2.h5', 's3://b/other/kumar2025/pose_files/a_pose_est_v2.h5'),
      ],
    });
    const { frame, press } = start(data, 's3://b/other/kumar2025/pose_files/');
    await until(() => frame().includes('a_pose_est_v2.h5'), 3000, 'the starting folder');
    await press(
      KEYS.backspace,
      (f) => /› ▸ pose_files\//.test(f) && f.includes('classifiers/'),
      'the parent, cursor on pose_files',
    );
  });
});

describe('App with keys arriving together', () => {
  it('takes "jj" from one read as two moves', async () => {
    const data = memoryArchive({ '': [folder('a', 's3://b/a/'), folder('b', 's3://b/b/'), folder('c', 's3://b/c/')] });
    const { frame, press } = start(data);
    await until(() => frame().includes('c/'), 3000, 'root listing');
    await press('jj', (f) => /› ▸ c\//.test(f), 'two rows down');
  });
});

describe('App with an arrow and enter in one read', () => {
  it('moves first, then opens the row it moved to', async () => {
    const data = memoryArchive({
      '': [folder('a', 's3://b/a/'), folder('b', 's3://b/b/')],
      's3://b/a/': [file('in-a.txt', 's3://b/a/in-a.txt')],
      's3://b/b/': [file('in-b.txt', 's3://b/b/in-b.txt')],
    });
    const { frame, press } = start(data);
    await until(() => frame().includes('b/'), 3000, 'root listing');
    await press(`${KEYS.down}${KEYS.enter}`, (f) => f.includes('in-b.txt'), 'folder b opened');
  });
});
