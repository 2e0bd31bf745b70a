import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { encodeKey, formatS3Uri, objectUrl, parseBucketUrl, parseS3Uri, resolveObjectUrl } from './bucket-urls.js';

const aws = { endpoint: 'https://s3.us-east-1.amazonaws.com' };
const local = { endpoint: 'http://127.0.0.1:4000' };

describe('parseBucketUrl', () => {
  it.each([
    [
      'https://ember-open-data.s3.amazonaws.com/other/kumar2025/index.html',
      aws,
      'ember-open-data',
      'other/kumar2025/index.html',
    ],
    ['https://ember-open-data.s3.us-east-1.amazonaws.com/other/', aws, 'ember-open-data', 'other/'],
    ['https://ember-open-data.s3-us-east-1.amazonaws.com/blobs/abc/def/x', aws, 'ember-open-data', 'blobs/abc/def/x'],
    ['https://s3.us-east-1.amazonaws.com/ember-open-data/blobs/abc/def/x', aws, 'ember-open-data', 'blobs/abc/def/x'],
    ['https://s3.amazonaws.com/ember-open-data/', aws, 'ember-open-data', ''],
    ['https://s3.amazonaws.com/ember-open-data', aws, 'ember-open-data', ''],
    [
      'https://ember-open-data.s3.amazonaws.com/other/kumar2025/videos/a%20b.avi',
      aws,
      'ember-open-data',
      'other/kumar2025/videos/a b.avi',
    ],
    ['http://127.0.0.1:4000/ember-open-data/blobs/abc/def/x', local, 'ember-open-data', 'blobs/abc/def/x'],
    // AWS forms are recognised whatever the configured endpoint.
    ['https://ember-open-data.s3.amazonaws.com/blobs/x', local, 'ember-open-data', 'blobs/x'],
  ])('%s -> bucket and key', (url, s3, bucket, key) => {
    expect(parseBucketUrl(url, s3)).toEqual({ bucket, key });
  });

  it.each([
    'https://api-dandi.emberarchive.org/api/assets/x/download/',
    'http://127.0.0.1:4001/api/dandisets/',
    'not a url',
    's3://ember-open-data/x',
  ])('%s is not a bucket URL', (url) => {
    expect(parseBucketUrl(url, local)).toBeUndefined();
  });
});

describe('s3:// URIs and object URLs', () => {
  it('round-trips s3:// URIs, spaces kept as they are', () => {
    for (const ref of [
      { bucket: 'ember-open-data', key: '' },
      { bucket: 'ember-open-data', key: 'other/kumar2025/' },
      { bucket: 'ember-open-data', key: 'other/kumar2025/videos/session 1.avi' },
    ]) {
      expect(parseS3Uri(formatS3Uri(ref))).toEqual(ref);
    }
    expect(parseS3Uri('s3://b')).toEqual({ bucket: 'b', key: '' });
    expect(parseS3Uri('https://b/k')).toBeUndefined();
  });

  it('builds path-style and virtual-host URLs with encoded keys', () => {
    const ref = { bucket: 'ember-open-data', key: 'other/a b/c#d.h5' };
    expect(encodeKey(ref.key)).toBe('other/a%20b/c%23d.h5');
    expect(objectUrl({ endpoint: 'http://127.0.0.1:4000', forcePathStyle: true }, ref)).toBe(
      'http://127.0.0.1:4000/ember-open-data/other/a%20b/c%23d.h5',
    );
    expect(objectUrl({ endpoint: 'https://s3.us-east-1.amazonaws.com', forcePathStyle: false }, ref)).toBe(
      'https://ember-open-data.s3.us-east-1.amazonaws.com/other/a%20b/c%23d.h5',
    );
  });

  it('moves the EMBER bucket to the configured endpoint and leaves other URLs alone', () => {
    const config = loadConfig({ EMBER_S3_ENDPOINT: 'http://127.0.0.1:4000' });
    expect(resolveObjectUrl(config.s3, 'https://ember-open-data.s3.amazonaws.com/blobs/abc/def/u')).toBe(
      'http://127.0.0.1:4000/ember-open-data/blobs/abc/def/u',
    );
    expect(resolveObjectUrl(config.s3, 'https://other-bucket.s3.amazonaws.com/k')).toBe(
      'https://other-bucket.s3.amazonaws.com/k',
    );
    expect(resolveObjectUrl(config.s3, 'https://example.org/file.nwb')).toBe('https://example.org/file.nwb');
    const real = loadConfig({});
    expect(resolveObjectUrl(real.s3, 'https://ember-open-data.s3.amazonaws.com/blobs/u')).toBe(
      'https://s3.us-east-1.amazonaws.com/ember-open-data/blobs/u',
    );
  });
});
