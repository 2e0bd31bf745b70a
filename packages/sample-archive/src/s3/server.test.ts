// The server's HTTP answers checked byte for byte where clients would not show them: status codes, headers,
// error documents, conditionals and CORS. The real clients are in the *-client.test.ts files.
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectStore } from '../store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Server, parseTarget, type ListeningS3Server } from './server.js';
import { objectBytes } from './test-support/cli.js';
import { BIG_KEY, SPACED_KEY, TEST_BUCKET, buildEmberLayout, type EmberLayout } from './test-support/ember-layout.js';

let layout: EmberLayout;
let server: ListeningS3Server;
const url = (path: string): string => `${server.url}/${TEST_BUCKET}${path}`;
const objectUrl = (key: string): string => url(`/${key.split('/').map(encodeURIComponent).join('/')}`);
const tag = (text: string, name: string): string[] =>
  [...text.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);

beforeAll(async () => {
  layout = buildEmberLayout();
  server = await createS3Server(layout.store).listen(0);
});
afterAll(async () => {
  await server.close();
  layout.cleanup();
});

describe('GET and HEAD object', () => {
  it('serves the bytes with ETag (quoted MD5), Last-Modified, Content-Length, Accept-Ranges and a request id', async () => {
    const response = await fetch(objectUrl(SPACED_KEY));
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(body.equals(await objectBytes(layout.store, SPACED_KEY))).toBe(true);
    expect(response.headers.get('etag')).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    expect(response.headers.get('last-modified')).toBe('Sun, 01 Jun 2025 12:00:00 GMT');
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
  });

  it('answers HEAD with the same headers and no body', async () => {
    const response = await fetch(objectUrl(BIG_KEY), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(9 * 1024 * 1024));
    expect(response.headers.get('etag')).toBe(`"${layout.store.get(BIG_KEY)!.etag}"`);
    expect((await response.arrayBuffer()).byteLength).toBe(0);
    const ranged = await fetch(objectUrl(BIG_KEY), { method: 'HEAD', headers: { Range: 'bytes=10-19' } });
    expect([ranged.status, ranged.headers.get('content-range'), ranged.headers.get('content-length')]).toEqual([
      206,
      `bytes 10-19/${9 * 1024 * 1024}`,
      '10',
    ]);
  });

  it.each([
    ['bytes=0-9', 0, 9],
    ['bytes=9000000-', 9_000_000, 9 * 1024 * 1024 - 1],
    ['bytes=-100', 9 * 1024 * 1024 - 100, 9 * 1024 * 1024 - 1],
    ['bytes=5-99999999', 5, 9 * 1024 * 1024 - 1],
  ])('serves Range %s of the file-backed object as 206 with Content-Range', async (range, start, end) => {
    const response = await fetch(objectUrl(BIG_KEY), { headers: { Range: range } });
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${9 * 1024 * 1024}`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect(body.equals((await objectBytes(layout.store, BIG_KEY)).subarray(start, end + 1))).toBe(true);
  });

  it('answers an unsatisfiable range with 416 InvalidRange and Content-Range bytes */size', async () => {
    const response = await fetch(url('/tools/README.txt'), { headers: { Range: 'bytes=1000-2000' } });
    const text = await response.text();
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${layout.store.get('tools/README.txt')!.size}`);
    expect(tag(text, 'Code')).toEqual(['InvalidRange']);
    expect(tag(text, 'RangeRequested')).toEqual(['bytes=1000-2000']);
    expect((await fetch(url('/tools/empty.txt'), { headers: { Range: 'bytes=0-' } })).status).toBe(416);
  });

  it('ignores a list of ranges and serves the whole object, as S3 does', async () => {
    const response = await fetch(url('/tools/README.txt'), { headers: { Range: 'bytes=0-1,4-5' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-range')).toBeNull();
    expect((await response.arrayBuffer()).byteLength).toBe(layout.store.get('tools/README.txt')!.size);
  });

  it('serves a zero-byte object', async () => {
    const response = await fetch(url('/tools/empty.txt'));
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"d41d8cd98f00b204e9800998ecf8427e"');
    expect(await response.text()).toBe('');
  });

  it('decodes percent-encoded keys and takes a literal + as a plus sign', async () => {
    for (const key of ['other/kumar2025/videos/😀 emoji.avi', 'other/kumar2025/videos/R&D <notes>.txt']) {
      expect((await fetch(objectUrl(key))).status).toBe(200);
    }
    expect((await fetch(url('/other/kumar2025/classifiers/seizure+v2.pickle'))).status).toBe(200);
    expect((await fetch(url('/other/kumar2025/classifiers/seizure%2Bv2.pickle'))).status).toBe(200);
    expect((await fetch(url('/other/kumar2025/classifiers/seizure%20v2.pickle'))).status).toBe(404);
  });

  it('answers a missing key with 404 NoSuchKey naming it, and HEAD of one with a bare 404', async () => {
    const response = await fetch(url('/other/kumar2025/missing%20file.h5'));
    const text = await response.text();
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(tag(text, 'Code')).toEqual(['NoSuchKey']);
    expect(tag(text, 'Key')).toEqual(['other/kumar2025/missing file.h5']);
    expect(tag(text, 'RequestId')).toEqual([response.headers.get('x-amz-request-id')]);
    // A folder is no object: HEAD of `other/kumar2025/` is a bare 404, while `/bucket/` is the bucket itself.
    const folder = await fetch(url('/other/kumar2025/'), { method: 'HEAD' });
    expect(folder.status).toBe(404);
    expect(await folder.text()).toBe('');
    expect((await fetch(url('/'), { method: 'HEAD' })).status).toBe(200);
  });

  it('refuses anonymous response-header overrides and unknown version ids like S3', async () => {
    expect((await fetch(url('/tools/README.txt?response-content-type=text/html'))).status).toBe(400);
    expect((await fetch(url('/tools/README.txt?versionId=null'))).status).toBe(200);
    const bad = await fetch(url('/tools/README.txt?versionId=abc'));
    expect([bad.status, tag(await bad.text(), 'Code')]).toEqual([400, ['InvalidArgument']]);
  });
});

describe('conditional requests', () => {
  const key = '/tools/README.txt';
  const etag = (): string => `"${layout.store.get('tools/README.txt')!.etag}"`;

  it('answers If-None-Match with the current ETag by 304 and no body, for GET and HEAD', async () => {
    for (const method of ['GET', 'HEAD']) {
      const response = await fetch(url(key), { method, headers: { 'If-None-Match': etag() } });
      expect(response.status).toBe(304);
      expect(response.headers.get('etag')).toBe(etag());
    }
    expect((await fetch(url(key), { headers: { 'If-None-Match': '"stale"' } })).status).toBe(200);
  });

  it('answers a failed If-Match by 412 PreconditionFailed, even with a Range', async () => {
    const response = await fetch(url(key), { headers: { 'If-Match': '"stale"', Range: 'bytes=0-1' } });
    expect(response.status).toBe(412);
    expect(tag(await response.text(), 'Condition')).toEqual(['If-Match']);
    expect((await fetch(url(key), { headers: { 'If-Match': etag(), Range: 'bytes=0-1' } })).status).toBe(206);
  });

  it('compares If-Modified-Since and If-Unmodified-Since with Last-Modified', async () => {
    expect((await fetch(url(key), { headers: { 'If-Modified-Since': 'Sun, 01 Jun 2025 12:00:00 GMT' } })).status).toBe(
      304,
    );
    expect((await fetch(url(key), { headers: { 'If-Modified-Since': 'Sat, 31 May 2025 12:00:00 GMT' } })).status).toBe(
      200,
    );
    expect(
      (await fetch(url(key), { headers: { 'If-Unmodified-Since': 'Sat, 31 May 2025 12:00:00 GMT' } })).status,
    ).toBe(412);
  });

  it('applies a Range only while If-Range still names the object', async () => {
    expect((await fetch(url(key), { headers: { Range: 'bytes=0-1', 'If-Range': etag() } })).status).toBe(206);
    const stale = await fetch(url(key), { headers: { Range: 'bytes=0-1', 'If-Range': '"stale"' } });
    expect(stale.status).toBe(200);
    expect(stale.headers.get('content-range')).toBeNull();
  });
});

describe('bucket requests and errors', () => {
  it('answers HeadBucket with the region, GetBucketLocation with the us-east-1 empty constraint', async () => {
    const head = await fetch(url(''), { method: 'HEAD' });
    expect([head.status, head.headers.get('x-amz-bucket-region')]).toEqual([200, 'us-east-1']);
    expect(await (await fetch(url('?location'))).text()).toContain(
      '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>',
    );
  });

  it('lists the one bucket on the service root', async () => {
    expect(tag(await (await fetch(`${server.url}/`)).text(), 'Name')).toEqual([TEST_BUCKET]);
  });

  it('answers another bucket with 404 NoSuchBucket', async () => {
    const response = await fetch(`${server.url}/other-bucket/key`);
    expect(response.status).toBe(404);
    expect(tag(await response.text(), 'BucketName')).toEqual(['other-bucket']);
  });

  it.each([
    ['PUT', '/tools/new.txt', 403, 'AccessDenied'],
    ['DELETE', '/tools/README.txt', 403, 'AccessDenied'],
    ['POST', '?delete', 403, 'AccessDenied'],
    ['PATCH', '/tools/README.txt', 405, 'MethodNotAllowed'],
    ['GET', '?acl', 403, 'AccessDenied'],
    ['GET', '?versions', 403, 'AccessDenied'],
    ['GET', '?list-type=2&max-keys=-1', 400, 'InvalidArgument'],
    ['GET', '?list-type=2&max-keys=ten', 400, 'InvalidArgument'],
    ['GET', '?list-type=2&encoding-type=base64', 400, 'InvalidArgument'],
    ['GET', '?list-type=2&continuation-token=bm90LWEtdG9rZW4%3D', 400, 'InvalidArgument'],
    ['GET', '/bad%E0%A4%A', 400, 'InvalidURI'],
  ])('answers %s %s with %i %s', async (method, path, status, code) => {
    const response = await fetch(url(path), { method, ...(method === 'PUT' ? { body: 'x' } : {}) });
    expect(response.status).toBe(status);
    expect(tag(await response.text(), 'Code')).toEqual([code]);
  });

  it('caps max-keys at 1,000 and echoes the listing parameters', async () => {
    const text = await (await fetch(url('?list-type=2&prefix=blobs/&max-keys=5000&start-after=blobs/8'))).text();
    expect(tag(text, 'MaxKeys')).toEqual(['1000']);
    expect(tag(text, 'Key')).toHaveLength(1000);
    expect(tag(text, 'StartAfter')).toEqual(['blobs/8']);
    expect(tag(text, 'Key').every((key) => key > 'blobs/8')).toBe(true);
  });

  it('writes v1 NextMarker only when a delimiter is given', async () => {
    const flat = await (await fetch(url('?prefix=blobs/&max-keys=10'))).text();
    expect([tag(flat, 'IsTruncated'), tag(flat, 'NextMarker')]).toEqual([['true'], []]);
    const rolled = await (await fetch(url('?prefix=blobs/&delimiter=/&max-keys=10'))).text();
    expect(tag(rolled, 'NextMarker')).toEqual([tag(rolled, 'Prefix').at(-1)]);
  });

  it('escapes keys in XML and url-encodes them on request', async () => {
    const prefix = 'other/kumar2025/videos/R';
    const plain = await (await fetch(url(`?list-type=2&prefix=${encodeURIComponent(prefix)}`))).text();
    expect(plain).toContain('<Key>other/kumar2025/videos/R&amp;D &lt;notes&gt;.txt</Key>');
    const encoded = await (
      await fetch(url(`?list-type=2&encoding-type=url&prefix=${encodeURIComponent(prefix)}`))
    ).text();
    expect(tag(encoded, 'Key')).toEqual(['other/kumar2025/videos/R%26D%20%3Cnotes%3E.txt']);
    expect(tag(encoded, 'EncodingType')).toEqual(['url']);
  });
});

describe('CORS', () => {
  it('answers a preflight for GET with the allowed origin, methods, requested headers and exposed headers', async () => {
    const response = await fetch(url('/tools/README.txt'), {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'Range, If-None-Match',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    expect(response.headers.get('access-control-allow-headers')).toBe('range, if-none-match');
    for (const name of ['ETag', 'Content-Range', 'Content-Length', 'Accept-Ranges']) {
      expect(response.headers.get('access-control-expose-headers')).toContain(name);
    }
  });

  it('refuses a preflight for a write, and one without an Origin', async () => {
    const put = await fetch(url('/x'), {
      method: 'OPTIONS',
      headers: { Origin: 'http://a', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(put.status).toBe(403);
    expect(
      (await fetch(url('/x'), { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'GET' } })).status,
    ).toBe(400);
  });

  it('adds CORS headers to answers (errors included) of requests with an Origin, and only to those', async () => {
    const withOrigin = await fetch(url('/nope'), { headers: { Origin: 'http://localhost:5173' } });
    expect(withOrigin.status).toBe(404);
    expect(withOrigin.headers.get('access-control-allow-origin')).toBe('*');
    expect(withOrigin.headers.get('access-control-expose-headers')).toContain('ETag');
    expect((await fetch(url('/tools/README.txt'))).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('objects past 2 GiB', () => {
  // A sparse 3 GiB file costs no disk and no memory; offsets past 2^31 catch 32-bit arithmetic.
  const size = 3 * 1024 ** 3;
  let folder: string;
  let big: ListeningS3Server;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ember-s3-sparse-'));
    const path = join(folder, 'sparse.bin');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, size);
    closeSync(fd);
    const store = new ObjectStore(TEST_BUCKET);
    store.putFile('large/sparse.bin', path, '0123456789abcdef0123456789abcdef-384');
    big = await createS3Server(store).listen();
  });
  afterAll(async () => {
    await big.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reports the size and serves ranges near the end', async () => {
    const head = await fetch(`${big.url}/${TEST_BUCKET}/large/sparse.bin`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(size));
    expect(head.headers.get('etag')).toBe('"0123456789abcdef0123456789abcdef-384"');
    const tail = await fetch(`${big.url}/${TEST_BUCKET}/large/sparse.bin`, {
      headers: { Range: `bytes=${size - 16}-` },
    });
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 16}-${size - 1}/${size}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(Buffer.alloc(16))).toBe(true);
  });

  it('streams the whole object to a reader that stops early, and keeps serving', async () => {
    const controller = new AbortController();
    const response = await fetch(`${big.url}/${TEST_BUCKET}/large/sparse.bin`, { signal: controller.signal });
    expect(response.headers.get('content-length')).toBe(String(size));
    const reader = response.body!.getReader();
    let received = 0;
    while (received < 4 * 1024 * 1024) received += (await reader.read()).value?.byteLength ?? 0;
    controller.abort();
    const next = await fetch(`${big.url}/${TEST_BUCKET}/large/sparse.bin`, { headers: { Range: 'bytes=0-0' } });
    expect(next.status).toBe(206);
  });
});

describe('listen', () => {
  it('binds a free loopback port, and closes once however often asked', async () => {
    const second = await createS3Server(layout.store).listen();
    expect(second.url).toBe(`http://127.0.0.1:${second.port}`);
    expect((await fetch(`${second.url}/${TEST_BUCKET}/tools/README.txt`)).status).toBe(200);
    await Promise.all([second.close(), second.close()]);
    await expect(fetch(`${second.url}/${TEST_BUCKET}/tools/README.txt`)).rejects.toThrow();
  });
});

describe('parseTarget', () => {
  it.each([
    ['/', undefined, undefined],
    ['/b', 'b', undefined],
    ['/b/', 'b', undefined],
    ['/b/a%20b/c', 'b', 'a b/c'],
    ['/b/a+b', 'b', 'a+b'],
    ['/b/a//b/../c', 'b', 'a//b/../c'],
    ['/b/k?list-type=2', 'b', 'k'],
  ])('%s -> bucket %j, key %j', (raw, bucket, key) => {
    expect(parseTarget(raw)).toMatchObject({ bucket, key });
  });
});
