// The allow-list on every route that takes an identifier: local paths, file: URLs, arbitrary hosts, private and
// loopback addresses the operator did not configure, other buckets and unconfigured DANDI servers are refused
// before any request is made; redirects that leave the allow-list are refused at the hop.
import { loadConfig } from '@ember-archive/core';
import { describe, expect, it } from 'vitest';
import { isAllowedUrl, isPrivateHost } from './allow-list.js';
import { createApp } from './app.js';
import { OutsideAllowListError } from './errors.js';
import { guardedFetch } from './guarded-fetch.js';
import { apiSettings } from './settings.js';

// A configured archive on loopback (as an operator pointing at a local DANDI would): nothing listens there, and
// nothing may be asked of it in these tests anyway.
const config = loadConfig({ EMBER_API_URL: 'http://127.0.0.1:9/api', EMBER_S3_ENDPOINT: 'http://127.0.0.1:9' });
const context = { config, settings: apiSettings() };

const ROUTES = [
  '/v1/list?id=',
  '/v1/info?id=',
  '/v1/tree?id=',
  '/v1/attrs?id=',
  '/v1/dataset?path=/x&id=',
  '/v1/values?path=/x&id=',
  '/v1/nwb?id=',
  '/v1/pose?id=',
  '/v1/pose/metrics?id=',
  '/v1/pose.csv?id=',
  '/h5grove/meta/?file=',
  '/h5grove/attr/?file=',
  '/h5grove/data/?path=/x&file=',
  '/h5grove/paths/?file=',
  '/h5grove/stats/?path=/x&file=',
];

const REFUSED = [
  '/etc/passwd',
  './secret.h5',
  'file:///etc/passwd',
  'https://example.com/data.nwb',
  'http://169.254.169.254/latest/meta-data/',
  'http://127.0.0.1:22/x.h5',
  'http://[::1]/x.h5',
  'http://10.0.0.5/x.h5',
  's3://another-bucket/key.nwb',
  'https://another-bucket.s3.amazonaws.com/key.nwb',
  'dandi://dandi-api-local-docker-tests/000001@draft/x.nwb',
  'https://api.example.org/api/dandisets/000001/versions/draft/assets/?path=x.nwb',
];

function countingApp() {
  const calls = { fetch: 0, open: 0 };
  const app = createApp(config, {
    fetch: async () => {
      calls.fetch++;
      return new Response('{}', { status: 500 });
    },
    openHdf5: async () => {
      calls.open++;
      throw new Error('must not open');
    },
  });
  return { app, calls };
}

describe('the allow-list', () => {
  it('refuses every identifier outside the configured archive on every route, before any request', async () => {
    const { app, calls } = countingApp();
    for (const route of ROUTES) {
      for (const id of REFUSED) {
        const response = await app.request(`${route}${encodeURIComponent(id)}`);
        const body = (await response.json()) as { detail?: string; message?: string };
        expect([route, id, response.status]).toEqual([route, id, 403]);
        if (route.startsWith('/v1')) expect(response.headers.get('content-type')).toBe('application/problem+json');
        else expect(typeof body.message).toBe('string');
      }
    }
    expect(calls).toEqual({ fetch: 0, open: 0 });
  });

  it('refuses unknown schemes as bad input', async () => {
    const { app, calls } = countingApp();
    for (const route of ROUTES) {
      const response = await app.request(`${route}${encodeURIComponent('gopher://example.com/x')}`);
      expect([route, response.status]).toEqual([route, route.startsWith('/h5grove') ? 422 : 400]);
    }
    expect(calls).toEqual({ fetch: 0, open: 0 });
  });

  it('refuses a DANDI answer that redirects off the allow-list', async () => {
    const configured = loadConfig({ EMBER_API_URL: 'https://api.dandi.example.org/api' });
    const app = createApp(configured, {
      fetch: async () => new Response(null, { status: 302, headers: { Location: 'http://169.254.169.254/latest/' } }),
      openHdf5: async () => {
        throw new Error('must not open');
      },
    });
    const response = await app.request(`/v1/info?id=${encodeURIComponent('dandi://ember-dandi/000001@draft/x.nwb')}`);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toContain('169.254.169.254');
  });

  it('lets the configured endpoints through, loopback included, and follows allowed redirects hop by hop', async () => {
    expect(isAllowedUrl('http://127.0.0.1:9/ember-open-data/blobs/abc', context)).toBe(true);
    expect(isAllowedUrl('http://127.0.0.1:9/api/dandisets/', context)).toBe(true);
    expect(isAllowedUrl('https://api.dandiarchive.org/api/dandisets/', context)).toBe(true);
    expect(isAllowedUrl('http://127.0.0.1:10/', context)).toBe(false);
    expect(isAllowedUrl('http://localhost:8000/api/', context)).toBe(false);
    expect(isAllowedUrl('ftp://127.0.0.1:9/x', context)).toBe(false);
    expect(isAllowedUrl('http://user:pw@127.0.0.1:9/x', context)).toBe(false);
    const seen: string[] = [];
    const fetch = guardedFetch(context, async (url) => {
      seen.push(url);
      if (url.endsWith('/start')) return new Response(null, { status: 302, headers: { Location: '/api/next' } });
      if (url.endsWith('/next'))
        return new Response(null, { status: 302, headers: { Location: 'http://evil.example/' } });
      return new Response('ok');
    });
    await expect(fetch('http://127.0.0.1:9/api/start')).rejects.toBeInstanceOf(OutsideAllowListError);
    expect(seen).toEqual(['http://127.0.0.1:9/api/start', 'http://127.0.0.1:9/api/next']);
    // redirect: 'manual' (core's DANDI client) gets the redirect back, after its Location was checked.
    const manual = await fetch('http://127.0.0.1:9/api/start', { redirect: 'manual' });
    expect(manual.status).toBe(302);
  });

  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['api.localhost', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['[::1]', true],
    ['[fd00::1]', true],
    ['[fe80::1]', true],
    ['[::ffff:7f00:1]', true],
    ['[2606:4700::1]', false],
    ['8.8.8.8', false],
    ['api.dandiarchive.org', false],
  ])('isPrivateHost(%s) is %s', (host, expected) => {
    expect(isPrivateHost(new URL(`http://${host}/`).hostname)).toBe(expected);
  });
});
