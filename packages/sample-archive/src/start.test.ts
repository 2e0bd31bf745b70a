import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:https';
import { describe, expect, it } from 'vitest';
import { startSampleArchive } from './start.js';
import { standInGenerators } from './world/test-support/stand-in-generators.js';

describe('startSampleArchive', () => {
  it('serves the API and the bucket on two free loopback ports, and a download redirect lands on the right bytes', async () => {
    const archive = await startSampleArchive({ port: 0, generators: standInGenerators, cache: false, apiKey: 'k' });
    try {
      expect(archive.bucket).toBe('ember-open-data');
      expect(archive.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
      expect(archive.s3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(new URL(archive.api).port).not.toBe(new URL(archive.s3).port);

      const info = (await (await fetch(`${archive.api}/info/`)).json()) as { services: { api: { url: string } } };
      expect(info.services.api.url).toBe(archive.api);

      const page = (await (
        await fetch(`${archive.api}/dandisets/000463/versions/draft/assets/?page_size=1`)
      ).json()) as {
        results: { asset_id: string }[];
      };
      const assetId = page.results[0]?.asset_id;
      const meta = (await (await fetch(`${archive.api}/assets/${assetId}/`)).json()) as {
        contentUrl: string[];
        digest: Record<string, string>;
        contentSize: number;
      };
      expect(meta.contentUrl[1]?.startsWith(`${archive.s3}/ember-open-data/blobs/`)).toBe(true);

      const redirect = await fetch(`${archive.api}/assets/${assetId}/download/`, { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      // dandi-archive always redirects to a presigned URL that names the file (views/asset.py `download`).
      const location = new URL(redirect.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(meta.contentUrl[1]);
      expect(location.searchParams.get('response-content-disposition')).toMatch(/^attachment; filename="/);
      const followed = await fetch(`${archive.api}/assets/${assetId}/download/`);
      const bytes = new Uint8Array(await followed.arrayBuffer());
      expect(bytes.byteLength).toBe(meta.contentSize);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(meta.digest['dandi:sha2-256']);
      expect(followed.headers.get('etag')).toBe(`"${meta.digest['dandi:dandi-etag']}"`);

      const embargoed = await fetch(`${archive.api}/dandisets/000471/`);
      expect(embargoed.status).toBe(401);
      expect((await fetch(`${archive.api}/dandisets/000471/`, { headers: { Authorization: 'token k' } })).status).toBe(
        200,
      );

      // An embargoed blob is listed but denied to anonymous reads; the owner's download redirect is a presigned URL.
      const owner = { Authorization: 'token k' };
      const hidden = (
        (await (await fetch(`${archive.api}/dandisets/000471/versions/draft/assets/`, { headers: owner })).json()) as {
          results: { asset_id: string }[];
        }
      ).results[0]?.asset_id;
      const hiddenMeta = (await (await fetch(`${archive.api}/assets/${hidden}/`, { headers: owner })).json()) as {
        contentUrl: string[];
        digest: Record<string, string>;
      };
      const blobUrl = hiddenMeta.contentUrl[1] ?? '';
      const key = blobUrl.slice(`${archive.s3}/ember-open-data/`.length);
      const listing = await (
        await fetch(`${archive.s3}/ember-open-data?list-type=2&prefix=${encodeURIComponent(key)}`)
      ).text();
      expect(listing).toContain(`<Key>${key}</Key>`);
      for (const method of ['GET', 'HEAD']) expect((await fetch(blobUrl, { method })).status).toBe(403);
      expect(await (await fetch(blobUrl)).text()).toContain('<Code>AccessDenied</Code>');
      const presigned =
        (await fetch(`${archive.api}/assets/${hidden}/download/`, { headers: owner, redirect: 'manual' })).headers.get(
          'location',
        ) ?? '';
      expect(presigned.startsWith(`${blobUrl}?`)).toBe(true);
      expect(new URL(presigned).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
      const read = await fetch(presigned, { headers: { Range: 'bytes=0-7' } });
      expect(read.status).toBe(206);
      expect(new Uint8Array(await read.arrayBuffer())).toHaveLength(8);
      const tampered = presigned.replace(
        /X-Amz-Signature=[0-9a-f]/,
        (m) => m.slice(0, -1) + (m.endsWith('0') ? '1' : '0'),
      );
      expect(await (await fetch(tampered)).text()).toContain('<Code>SignatureDoesNotMatch</Code>');
      // An open blob's redirect is presigned too, and the S3 server accepts its signature.
      expect(location.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await archive.close();
    }
    await expect(fetch(`${archive.api}/info/`)).rejects.toThrow();
    await expect(fetch(`${archive.s3}/ember-open-data?list-type=2`)).rejects.toThrow();
  });

  it('serves both endpoints over https in TLS mode, with the CA written to a file and removed on close', async () => {
    const archive = await startSampleArchive({ port: 0, generators: standInGenerators, cache: false, tls: true });
    const caFile = archive.caFile ?? '';
    const getJson = (url: string, ca: string | undefined) =>
      new Promise<unknown>((resolve, reject) => {
        get(url, ca ? { ca } : {}, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve(JSON.parse(text)));
        }).on('error', reject);
      });
    try {
      expect(archive.api).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api$/);
      expect(archive.s3).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = readFileSync(caFile, 'utf8');
      expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
      const info = (await getJson(`${archive.api}/info/`, ca)) as { services: { api: { url: string } } };
      expect(info.services.api.url).toBe(archive.api);
      const page = (await getJson(`${archive.api}/dandisets/000463/versions/draft/assets/?page_size=1`, ca)) as {
        results: { asset_id: string }[];
      };
      const meta = (await getJson(`${archive.api}/assets/${page.results[0]?.asset_id}/`, ca)) as {
        contentUrl: string[];
      };
      expect(meta.contentUrl[1]?.startsWith(`${archive.s3}/ember-open-data/blobs/`)).toBe(true);
      await expect(getJson(`${archive.api}/info/`, undefined)).rejects.toThrow(/certificate/);
    } finally {
      await archive.close();
    }
    expect(existsSync(caFile)).toBe(false);
  });

  it('refuses a port it cannot use', async () => {
    await expect(startSampleArchive({ port: 65535, generators: standInGenerators, cache: false })).rejects.toThrow(
      /port/,
    );
  });
});
