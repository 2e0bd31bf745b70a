import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import type { FileInfo } from '@ember-archive/core';
import { until } from '../test-support/memory-archive.js';
import { DetailsScreen, detailLines } from './details-screen.js';

const NEUROSIFT =
  'https://neurosift.app/nwb?url=https://api.example.org/api/assets/8c4e/download/&dandisetId=000463&dandisetVersion=draft';

const info: FileInfo = {
  uri: 'dandi://ember-dandi/000463@draft/sub-01/sub-01_pose.nwb',
  name: 'sub-01_pose.nwb',
  size: 1_000_000,
  location: { kind: 'remote', url: 'https://api.example.org/api/assets/8c4e/download/' },
  contentType: 'application/x-nwb',
  digests: { 'dandi:sha2-256': 'ab'.repeat(32), 'dandi:dandi-etag': 'cd'.repeat(16) + '-1' },
  asset: {
    instance: 'ember-dandi',
    dandisetId: '000463',
    version: 'draft',
    assetId: '8c4e',
    path: 'sub-01/sub-01_pose.nwb',
    embargoed: false,
    metadata: {
      identifier: '8c4e',
      path: 'sub-01/sub-01_pose.nwb',
      contentSize: 1_000_000,
      digest: {},
      contentUrl: [],
      dateModified: '2025-02-01T10:00:00Z',
      accessStatus: 'dandi:OpenAccess',
      raw: {},
    },
  },
  links: [
    { label: 'DANDI web', url: 'https://dandi.example.org/dandiset/000463/draft/files?location=sub-01' },
    { label: 'Neurosift', url: NEUROSIFT },
  ],
};

afterEach(() => cleanup());

describe('details', () => {
  it('lists the file, its digests and its web links', () => {
    const lines = detailLines(info);
    expect(lines.filter((l) => l.heading).map((l) => l.heading)).toEqual(['File', 'Digests', 'Open on the web']);
    expect(lines.find((l) => l.field?.label === 'dandiset')?.field?.value).toBe('000463@draft');
    expect(lines.find((l) => l.field?.label === 'access')?.field?.value).toBe('dandi:OpenAccess');
    const bucket = detailLines({ ...info, asset: undefined, digests: {}, etag: '"abc"', links: [] } as FileInfo);
    expect(bucket.filter((l) => l.heading).map((l) => l.heading)).toEqual(['File', 'Digests']);
    expect(bucket.find((l) => l.field?.label === 'S3 ETag')).toBeTruthy();
  });

  it('prints links whole at 60 columns, so the terminal can open them', async () => {
    const ui = render(
      <DetailsScreen uri={info.uri} info={async () => info} active width={59} height={22} onBack={() => undefined} />,
    );
    await until(() => (ui.lastFrame() ?? '').includes('Open on the web'), 3000, 'the details');
    const frame = ui.lastFrame() ?? '';
    expect(frame).toContain('dandi:sha2-256');
    expect(frame.replace(/\s+/g, '')).toContain(NEUROSIFT);
  });
});
