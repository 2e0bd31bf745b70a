// Opening HDF5 by archive identifiers against the sample archive: a dandiset path (resolved through the DANDI API
// to the bucket), and the API's download URL, which answers with a 302 to the S3 object.
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchive } from '../../archive/archive.js';
import { nodeLocalFiles } from '../../archive/local-files.js';
import { loadConfig } from '../../config.js';
import { NotFoundError } from '../../errors.js';
import { openArchiveHdf5 } from './open-archive-hdf5.js';
import { openHdf5 } from './open-hdf5.js';

let sample: RunningSampleArchive;
beforeAll(async () => {
  sample = await startSampleArchive();
});
afterAll(async () => {
  await sample.close();
});

const ASSET = 'sub-ADPTM01/sub-ADPTM01_ses-20240301T102000_behavior+image.nwb';

describe('openArchiveHdf5', () => {
  it('opens a dandiset path and keeps the #/path fragment', async () => {
    const archive = createArchive(loadConfig({}, { apiUrl: sample.api, s3Endpoint: sample.s3 }), {
      localFiles: nodeLocalFiles,
    });
    const { file, location, fragment } = await openArchiveHdf5(
      archive,
      `dandi://ember-dandi/000463@draft/${ASSET}#/processing`,
    );
    try {
      expect(location.kind).toBe('remote');
      expect(fragment).toBe('/processing');
      const attrs = await file.attrs('/');
      expect(attrs.neurodata_type).toBe('NWBFile');
      const nodes = await file.walk();
      expect(nodes.some((n) => n.path.startsWith('/processing/'))).toBe(true);
      const stats = file.stats();
      expect(stats.fileSize).toBe(location.size);
      expect(stats.bytesFetched).toBeLessThanOrEqual(stats.fileSize);
    } finally {
      await file.close();
    }
    await expect(
      openArchiveHdf5(archive, 'dandi://ember-dandi/000463@draft/sub-ADPTM01/missing.nwb'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('follows the API download URL redirect to the bucket object', async () => {
    const listing = (await fetch(
      `${sample.api}/dandisets/000463/versions/draft/assets/?path=${encodeURIComponent(ASSET)}`,
    ).then((r) => r.json())) as {
      results: { asset_id: string }[];
    };
    const assetId = listing.results[0]!.asset_id;
    const file = await openHdf5(`${sample.api}/assets/${assetId}/download/`);
    try {
      expect((await file.attrs('/')).neurodata_type).toBe('NWBFile');
    } finally {
      await file.close();
    }
  });
});
