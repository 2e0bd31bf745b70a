// The app with its services: download with cancel and resume, the details of a file, / filter and dandiset search,
// and p opening the pose chart, all at 60 columns.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App } from './app.js';
import { filterEntries } from './screens/browser-screen.js';
import { ExplorerProvider, type ListingEntry } from './data.js';
import { UiServicesProvider } from './services/ui-services.js';
import { fakeServices } from './test-support/fake-services.js';
import { KEYS, memoryArchive, until } from './test-support/memory-archive.js';
import { syntheticPoseView } from './test-support/synthetic-pose.js';

const folder = (name: string, uri: string, title?: string): ListingEntry => ({
  name,
  kind: 'folder',
  uri,
  ...(title ? { title } : {}),
});
const file = (name: string, uri: string, size = 10): ListingEntry => ({ name, kind: 'file', uri, size });

const ROOT = [
  folder('kumar2025', 's3://b/other/kumar2025/'),
  folder('000463', 'dandi://ember-dandi/000463/', 'SYNTHETIC Mouse food sniff'),
  folder('000470', 'dandi://ember-dandi/000470/', 'Rat reaching'),
];
const FILES = [
  file('sub-01_pose.nwb', 'dandi://ember-dandi/000463/sub-01_pose.nwb', 1_000_000),
  file('notes.txt', 'dandi://ember-dandi/000463/notes.txt'),
];
const BRAILLE = /[\u2801-\u28ff]/;

function start(
  services = fakeServices([
    ROOT[1] as ListingEntry,
    ROOT[2] as ListingEntry,
    folder('000999', 'dandi://ember-dandi/000999/', 'Mouse sniff pose, page 7'),
  ]),
) {
  const data = memoryArchive(
    { '': ROOT, 'dandi://ember-dandi/000463/': FILES },
    {
      files: { 'dandi://ember-dandi/000463/sub-01_pose.nwb': { '/': [] } },
      pose: (container) => syntheticPoseView({ ...(container ? { container } : {}), points: 118 }),
    },
  );
  const ui = render(
    <ExplorerProvider value={data}>
      <UiServicesProvider value={services}>
        <App size={{ columns: 60, rows: 24 }} />
      </UiServicesProvider>
    </ExplorerProvider>,
  );
  const frame = () => ui.lastFrame() ?? '';
  const press = async (key: string, expect: (f: string) => boolean, what: string) => {
    ui.stdin.write(key);
    await until(() => expect(frame()), 3000, what).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${frame()}`);
    });
  };
  const type = async (text: string) => {
    // A prompt listens once its effects have run, a moment after it is drawn (as a person starts typing).
    await new Promise((r) => setTimeout(r, 50));
    for (const char of text) {
      ui.stdin.write(char);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { ui, frame, press, type, services };
}

afterEach(() => cleanup());

describe('filterEntries', () => {
  it.each([
    ['', ['kumar2025', '000463', '000470']],
    ['sniff', ['000463']],
    ['MOUSE sniff', ['000463']],
    ['rat 000470', ['000470']],
    ['kumar', ['kumar2025']],
    ['nothing', []],
  ])('%j keeps %j', (filter, names) => expect(filterEntries(ROOT, filter).map((e) => e.name)).toEqual(names));
});

describe('App with services', () => {
  it('downloads the file under the cursor into the folder asked once, cancels and resumes', async () => {
    const { frame, press, type, services } = start();
    await until(() => frame().includes('000463/'), 3000, 'root');
    await press(KEYS.down, (f) => /› ▸ 000463\//.test(f), 'cursor on 000463');
    await press(KEYS.enter, (f) => f.includes('sub-01_pose.nwb'), 'dandiset listing');
    await until(() => /›\s+sub-01_pose\.nwb/.test(frame()), 3000, 'cursor on the NWB file');
    await press(
      'd',
      (f) => f.includes('Download into folder:') && f.includes('/tmp/ember-downloads'),
      'the destination prompt',
    );
    // q is text in the prompt, not quit.
    await type('/q');
    await press(KEYS.enter, (f) => /\d+% /.test(f) && f.includes('ETA'), 'the progress bars');
    expect(services.log.downloads[0]).toEqual({
      uris: ['dandi://ember-dandi/000463/sub-01_pose.nwb'],
      dest: '/tmp/ember-downloads/q',
    });
    expect(frame()).toContain('big.nwb');
    for (const line of frame().split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    await press('x', (f) => f.includes('Cancelled; partial files are kept'), 'cancelled');
    expect(services.log.aborted).toBe(1);
    await press('r', (f) => f.includes('x cancel'), 'resumed');
    await until(() => services.log.downloads.length === 2, 3000, 'the second run');
    await press(KEYS.escape, (f) => f.includes(' Browse ') && f.includes('notes.txt'), 'back to the listing');
    await until(() => services.log.aborted === 2, 3000, 'leaving stops the run');
    // The destination is not asked again.
    await press('d', (f) => f.includes(' Download ') && f.includes('% '), 'a second download, straight away');
    await until(() => services.log.downloads.length === 3, 3000, 'the third run');
    expect(services.log.downloads[2]?.dest).toBe('/tmp/ember-downloads/q');
  });

  it('shows the details of the file under the cursor from the explorer', async () => {
    const { frame, press } = start();
    await until(() => frame().includes('000463/'), 3000, 'root');
    await press(KEYS.down, (f) => /› ▸ 000463\//.test(f), 'cursor on 000463');
    await press(KEYS.enter, (f) => f.includes('sub-01_pose.nwb'), 'dandiset listing');
    await press('i', (f) => f.includes(' Details ') && f.includes('1.00 MB (1,000,000 bytes)'), 'details');
    await press(KEYS.escape, (f) => f.includes(' Browse '), 'back');
  });

  it('filters the listing as it is typed and searches dandisets on ⏎', async () => {
    const { frame, press, type, services } = start();
    await until(() => frame().includes('000470/'), 3000, 'root');
    await press('/', (f) => f.includes('⏎ searches dandisets'), 'the filter prompt');
    await type('sniff');
    await until(() => !frame().includes('000470/') && frame().includes('000463/'), 3000, 'filtered');
    expect(frame()).not.toContain('kumar2025/');
    await press(KEYS.enter, (f) => f.includes('000999/'), 'server search results');
    expect(services.log.searches).toEqual(['sniff']);
    expect(frame()).toContain('dandisets: searched on the server');
    await press(KEYS.backspace, (f) => f.includes('000470/') && f.includes('kumar2025/'), 'filter cleared');
  });

  it('opens the pose chart straight from the listing with p', async () => {
    const { frame, press } = start();
    await until(() => frame().includes('000463/'), 3000, 'root');
    await press(KEYS.down, (f) => /› ▸ 000463\//.test(f), 'cursor on 000463');
    await press(KEYS.enter, (f) => f.includes('sub-01_pose.nwb'), 'dandiset listing');
    await until(() => /›\s+sub-01_pose\.nwb/.test(frame()), 3000, 'cursor on the NWB file');
    await press('p', (f) => f.includes('x (px)') && BRAILLE.test(f), 'the chart');
    expect(frame()).toContain('━━ nose');
  });
});
