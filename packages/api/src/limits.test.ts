// Per-request limits and CORS settings, without an archive: a request over its time budget is a 504 problem, a
// page larger than allowed a 413, and CORS answers only the configured origins.
import { loadConfig } from '@ember-archive/core';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

const config = loadConfig({ EMBER_API_URL: 'https://api.dandi.example.org/api' });
const neverOpen = async (): Promise<never> => {
  throw new Error('must not open');
};

describe('limits', () => {
  it('answers 504 when a request takes longer than the time limit', async () => {
    const app = createApp(config, {
      openHdf5: neverOpen,
      settings: { limits: { requestMs: 50 } },
      // The DANDI API answers, but too late.
      fetch: () => new Promise((resolve) => setTimeout(() => resolve(new Response('{}')), 2_000)),
    });
    const started = Date.now();
    const response = await app.request(`/v1/info?id=${encodeURIComponent('dandi://ember-dandi/000001@draft/x.nwb')}`);
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toBe(
      "The request took longer than this server's limit of 50 ms.",
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('refuses a listing page larger than the limit, and points or windows over theirs, with 413', async () => {
    const app = createApp(config, {
      openHdf5: neverOpen,
      settings: { limits: { listEntries: 10, points: 100, frames: 50 } },
    });
    const list = await app.request('/v1/list?limit=11');
    expect(list.status).toBe(413);
    expect(((await list.json()) as { detail: string }).detail).toBe('limit is at most 10 entries per page, not 11.');
    const id = encodeURIComponent('dandi://ember-dandi/000001@draft/x.nwb');
    expect((await app.request(`/v1/pose?id=${id}&points=101`)).status).toBe(413);
    expect((await app.request(`/v1/pose?id=${id}&start=0&end=51`)).status).toBe(413);
    expect((await app.request(`/v1/pose?id=${id}&points=-1`)).status).toBe(400);
  });
});

describe('CORS', () => {
  it('answers the configured origins only', async () => {
    const app = createApp(config, { openHdf5: neverOpen, settings: { corsOrigins: ['https://viewer.example'] } });
    const allowed = await app.request('/v1/health', { headers: { Origin: 'https://viewer.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://viewer.example');
    const other = await app.request('/v1/health', { headers: { Origin: 'https://elsewhere.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await app.request('/v1/nwb', {
      method: 'OPTIONS',
      headers: { Origin: 'https://viewer.example', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const none = createApp(config, { openHdf5: neverOpen, settings: { corsOrigins: [] } });
    const plain = await none.request('/v1/health', { headers: { Origin: 'https://viewer.example' } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });
});
