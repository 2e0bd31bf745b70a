// The DANDI client's HTTP behaviour against small loopback servers: where the key goes (and where it never goes),
// pagination over `next`, retries, and the typed errors. The sample archive's emulator covers the API's shapes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config.js';
import { AuthRequiredError, NetworkError, NotFoundError, ProtocolError } from '../errors.js';
import { USER_AGENT } from '../version.js';
import { createDandiClient } from './dandi-client.js';
import { DandiHttp } from './dandi-http.js';

const KEY = 'secret-key';
const ASSET = '11111111-2222-4333-8444-555555555555';

interface Seen {
  url: string;
  authorization: string | undefined;
  userAgent: string | undefined;
}

function version(v: string) {
  return {
    version: v,
    name: 'Synthetic',
    asset_count: 2,
    size: 10,
    status: 'Valid',
    created: '2025-01-01T00:00:00Z',
    modified: '2025-01-01T00:00:00Z',
  };
}
function dandiset(id: string, embargo = 'OPEN') {
  return {
    identifier: id,
    created: '2025-01-01T00:00:00Z',
    modified: '2025-01-02T00:00:00Z',
    contact_person: 'X',
    embargo_status: embargo,
    draft_version: version('draft'),
    most_recent_published_version: null,
  };
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('DandiClient over HTTP', () => {
  const apiSeen: Seen[] = [];
  const objectSeen: Seen[] = [];
  let api: { server: Server; url: string };
  let objects: { server: Server; url: string };
  let flaky = 0;

  beforeAll(async () => {
    objects = await listen((req, res) => {
      objectSeen.push({
        url: req.url ?? '',
        authorization: req.headers.authorization,
        userAgent: req.headers['user-agent'],
      });
      res.end('bytes');
    });
    api = await listen((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      apiSeen.push({
        url: url.pathname + url.search,
        authorization: req.headers.authorization,
        userAgent: req.headers['user-agent'],
      });
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const authed = req.headers.authorization === `token ${KEY}`;
      // DRF authenticates before anything else: a key the server does not know fails every request, public or not.
      if (req.headers.authorization !== undefined && !authed) return json(401, { detail: 'Invalid token.' });
      const base = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}/api`;
      switch (url.pathname) {
        case '/api/dandisets/': {
          const page = Number(url.searchParams.get('page') ?? '1');
          const next = page < 3 ? `${base}/dandisets/?page=${page + 1}` : null;
          return json(200, { count: page === 1 ? 5 : null, next, previous: null, results: [dandiset(`00000${page}`)] });
        }
        case '/api/dandisets/000001/':
          return json(200, dandiset('000001'));
        case '/api/dandisets/000002/':
          return authed
            ? json(200, dandiset('000002', 'EMBARGOED'))
            : json(401, { detail: 'Authentication credentials were not provided.' });
        case '/api/dandisets/000003/':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('<html>oops</html>');
        case '/api/dandisets/000004/':
          return json(200, { identifier: '000004', created: '2025-01-01T00:00:00Z' });
        case '/api/dandisets/000005/':
          flaky += 1;
          return flaky <= 2 ? json(503, { detail: 'busy' }) : json(200, dandiset('000005'));
        case '/api/dandisets/000009/':
          flaky += 1;
          res.setHeader('retry-after', '1');
          return flaky <= 1 ? json(429, { detail: 'Request was throttled.' }) : json(200, dandiset('000009'));
        case '/api/dandisets/000010/':
          return json(403, { detail: 'You do not have permission to perform this action.' });
        case '/api/dandisets/000006/':
          return json(500, { detail: 'down' });
        case '/api/dandisets/000007/versions/':
          // A server whose `next` loops must not trap the client.
          return json(200, {
            count: 1,
            next: `${base}/dandisets/000007/versions/`,
            previous: null,
            results: [version('draft')],
          });
        case `/api/assets/${ASSET}/download/`:
          res.writeHead(302, { location: `${objects.url}/ember-open-data/blobs/abc/def/${ASSET}?X-Amz-Signature=s` });
          return res.end();
        case '/api/dandisets/000008/':
          // Never answers: the client's timeout must end the wait.
          return;
        case '/api/moved/':
          // A redirect off the API host: the key must not follow it.
          res.writeHead(302, { location: `${objects.url}/elsewhere/` });
          return res.end();
        default:
          return json(404, { detail: 'Not found.' });
      }
    });
  });

  afterAll(async () => {
    await new Promise((resolve) => api.server.close(resolve));
    await new Promise((resolve) => objects.server.close(resolve));
  });

  function config(env: Record<string, string> = {}): Config {
    return loadConfig({ EMBER_API_URL: `${api.url}/api`, ...env }, { retryBaseMs: 1, maxAttempts: 3 });
  }

  it('follows next links page by page, with the User-Agent on every request', async () => {
    apiSeen.length = 0;
    const client = createDandiClient(config());
    const ids: string[] = [];
    let pages = 0;
    for await (const page of client.dandisets()) {
      pages += 1;
      ids.push(...page.results.map((d) => d.identifier));
    }
    expect(pages).toBe(3);
    expect(ids).toEqual(['000001', '000002', '000003']);
    expect(apiSeen.every((r) => r.userAgent === USER_AGENT)).toBe(true);
    expect(apiSeen.every((r) => r.authorization === undefined)).toBe(true);
  });

  it('asks for the key on embargoed data and sends it to the API only', async () => {
    const anonymous = createDandiClient(config());
    await expect(anonymous.dandiset('000002')).rejects.toThrow(AuthRequiredError);
    await expect(anonymous.dandiset('000002')).rejects.toThrow(
      /embargoed or private on ember-dandi: set EMBER_DANDI_API_KEY to/,
    );

    apiSeen.length = 0;
    objectSeen.length = 0;
    const keyed = createDandiClient(config({ EMBER_DANDI_API_KEY: KEY }));
    expect((await keyed.dandiset('000002')).embargo_status).toBe('EMBARGOED');
    const location = await keyed.downloadLocation(ASSET);
    expect(location).toBe(`${objects.url}/ember-open-data/blobs/abc/def/${ASSET}?X-Amz-Signature=s`);
    expect(apiSeen.map((r) => r.authorization)).toEqual([`token ${KEY}`, `token ${KEY}`]);
    // The redirect was not followed, so the object store saw nothing, least of all the key.
    expect(objectSeen).toEqual([]);
  });

  it('never forwards the key across a redirect to another host', async () => {
    objectSeen.length = 0;
    const c = config({ EMBER_DANDI_API_KEY: KEY });
    const http = new DandiHttp({ instance: c.instances['ember-dandi']!, apiKey: KEY, http: c.http });
    await expect(http.getJson(`${api.url}/api/moved/`, { what: 'a moved resource' })).rejects.toThrow(ProtocolError);
    expect(objectSeen).toHaveLength(1);
    expect(objectSeen[0]?.authorization).toBeUndefined();
    expect(objectSeen[0]?.userAgent).toBe(USER_AGENT);
    expect(http.isApiUrl(`${api.url}/api/dandisets/`)).toBe(true);
    expect(http.isApiUrl(`${objects.url}/api/dandisets/`)).toBe(false);
    expect(http.isApiUrl(`${api.url}/apiary/`)).toBe(false);
  });

  it("never sends dandiarchive.org's DANDI_API_KEY to EMBER (dandi-cli dandi/dandiapi.py `dandi_authenticate`)", async () => {
    apiSeen.length = 0;
    const client = createDandiClient(config({ DANDI_API_KEY: 'a-dandiarchive-org-key' }));
    expect((await client.dandiset('000001')).identifier).toBe('000001');
    expect(apiSeen.map((r) => r.authorization)).toEqual([undefined]);
  });

  it('names the variable that held a key the server refused, even for a public dandiset', async () => {
    const wrong = createDandiClient(config({ EMBER_DANDI_API_KEY: 'wrong' }));
    const error = (await wrong.dandiset('000001').catch((e: unknown) => e)) as AuthRequiredError;
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect(error.message).toMatch(
      /^ember-dandi refused the API key in EMBER_DANDI_API_KEY for dandiset 000001 \(HTTP 401: Invalid token\.\); it is not a key of ember-dandi: unset EMBER_DANDI_API_KEY/,
    );
    const flagged = createDandiClient(
      loadConfig({ EMBER_API_URL: `${api.url}/api` }, { apiKey: 'wrong', apiKeySource: '--api-key' }),
    );
    await expect(flagged.dandiset('000001')).rejects.toThrow(/refused the API key in --api-key/);
  });

  it('says a valid key does not own an embargoed dandiset (403)', async () => {
    const keyed = createDandiClient(config({ EMBER_DANDI_API_KEY: KEY }));
    await expect(keyed.dandiset('000010')).rejects.toThrow(
      /^The API key in EMBER_DANDI_API_KEY does not give access to dandiset 000010 on ember-dandi \(HTTP 403: You do not have permission/,
    );
  });

  it("waits as long as the server's Retry-After asks", async () => {
    flaky = 0;
    const client = createDandiClient(config());
    const started = Date.now();
    expect((await client.dandiset('000009')).identifier).toBe('000009');
    // retryBaseMs is 1 ms here, so only Retry-After: 1 explains a wait of about a second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('stops waiting between attempts as soon as the caller aborts', async () => {
    const client = createDandiClient(
      loadConfig({ EMBER_API_URL: `${api.url}/api` }, { retryBaseMs: 60_000, maxAttempts: 3 }),
    );
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = (await client.dandiset('000006', controller.signal).catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/was aborted/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('maps 404 to NotFoundError naming the dandiset', async () => {
    const client = createDandiClient(config());
    const error = await client.dandiset('000999').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(
      /^Dandiset 000999 does not exist on ember-dandi \(http:\/\/127\.0\.0\.1:\d+\/api\/dandisets\/000999\/\)\.$/,
    );
  });

  it('rejects bad JSON and missing fields as ProtocolError with the URL', async () => {
    const client = createDandiClient(config());
    await expect(client.dandiset('000003')).rejects.toThrow(ProtocolError);
    await expect(client.dandiset('000003')).rejects.toThrow(/did not send JSON for dandiset 000003/);
    const missing = (await client.dandiset('000004').catch((e: unknown) => e)) as ProtocolError;
    expect(missing).toBeInstanceOf(ProtocolError);
    expect(missing.url).toBe(`${api.url}/api/dandisets/000004/`);
    expect(missing.message).toMatch(/"response.modified"/);
  });

  it('retries 5xx as configured, then gives up with a NetworkError', async () => {
    flaky = 0;
    const client = createDandiClient(config());
    expect((await client.dandiset('000005')).identifier).toBe('000005');
    expect(flaky).toBe(3);
    const down = (await client.dandiset('000006').catch((e: unknown) => e)) as NetworkError;
    expect(down).toBeInstanceOf(NetworkError);
    expect(down.status).toBe(500);
  });

  it('times out a server that does not answer, as configured', async () => {
    const client = createDandiClient(
      loadConfig({ EMBER_API_URL: `${api.url}/api` }, { timeoutMs: 200, maxAttempts: 1 }),
    );
    const error = (await client.dandiset('000008').catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(`${api.url}/api/dandisets/000008/ did not answer within 200 ms.`);
  });

  it('stops on a next link that loops', async () => {
    const client = createDandiClient(config());
    const pages = async () => {
      for await (const page of client.versions('000007')) void page;
    };
    await expect(pages()).rejects.toThrow(/loops back/);
  });

  it('names the URL of an unreachable API', async () => {
    const closed = await listen(() => undefined);
    const url = closed.url;
    await new Promise((resolve) => closed.server.close(resolve));
    const client = createDandiClient(loadConfig({ EMBER_API_URL: `${url}/api` }, { retryBaseMs: 1, maxAttempts: 2 }));
    const error = (await client.dandiset('000001').catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.url).toBe(`${url}/api/dandisets/000001/`);
    expect(error.message).toMatch(
      new RegExp(`^Cannot reach ${url.replace(/[.]/g, '\\.')}/api/dandisets/000001/ \\(ECONNREFUSED\\)\\.$`),
    );
  });
});
