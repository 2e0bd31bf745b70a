import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveWorld } from '../start.js';
import { buildWorld } from './build.js';
import { BlobDigester } from './digests.js';
import { addFileAsset } from './draft-asset.js';
import { standInGenerators } from './test-support/stand-in-generators.js';

describe('addFileAsset', () => {
  it('serves a file on disk as a new asset of a draft, with both digests, listed and downloadable', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ember-draft-asset-'));
    const world = await buildWorld({ generators: standInGenerators, cache: false });
    const bytes = Buffer.from('bytes a benchmark brought along\n'.repeat(100));
    const file = join(folder, 'bench.bin');
    await writeFile(file, bytes);
    const digester = new BlobDigester(bytes.byteLength);
    digester.update(bytes);
    const digest = digester.digest();
    const before = world.catalog.dandisets
      .find((d) => d.identifier === '000463')!
      .versions.find((v) => v.version === 'draft')!.assetIds.length;
    const asset = addFileAsset(world, {
      dandiset: '000463',
      path: 'sub-BENCH01/bench.bin',
      file,
      digest,
      encodingFormat: 'application/octet-stream',
    });
    // The same spec again is the same asset, not a second one.
    expect(
      addFileAsset(world, {
        dandiset: '000463',
        path: 'sub-BENCH01/bench.bin',
        file,
        digest,
        encodingFormat: 'application/octet-stream',
      }),
    ).toBe(asset);
    const archive = await serveWorld(world);
    try {
      const page = (await (
        await fetch(`${archive.api}/dandisets/000463/versions/draft/assets/?path=sub-BENCH01/`)
      ).json()) as { count: number; results: { asset_id: string; size: number }[] };
      expect(page.results).toMatchObject([{ asset_id: asset.assetId, size: bytes.byteLength }]);
      const info = (await (await fetch(`${archive.api}/dandisets/000463/versions/draft/`)).json()) as {
        assetsSummary: { numberOfFiles: number };
      };
      expect(info.assetsSummary.numberOfFiles).toBe(before + 1);
      const meta = (await (await fetch(`${archive.api}/assets/${asset.assetId}/`)).json()) as {
        digest: Record<string, string>;
        contentUrl: string[];
      };
      expect(meta.digest).toMatchObject(digest);
      const blob = await fetch(meta.contentUrl[1]!);
      expect(Buffer.from(await blob.arrayBuffer()).equals(bytes)).toBe(true);
      expect(blob.headers.get('etag')).toBe(`"${digest['dandi:dandi-etag']}"`);
    } finally {
      await archive.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
