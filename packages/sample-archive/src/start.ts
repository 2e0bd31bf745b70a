// Starts the sample archive: builds (or loads from cache) the seeded world, then serves its bucket over the S3
// server and its catalog over the DANDI API emulator, each on its own loopback port; over https when asked (a CA
// made at start, its certificate written to a file for clients to trust), and at a limited rate when asked.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { createDandiApi, type ApiUrls } from './dandi/app.js';
import { createUrlSigner } from './s3/presign.js';
import { createS3Server } from './s3/server.js';
import {
  createCertificateAuthority,
  issueServerCertificate,
  LOOPBACK_NAMES,
  type CertificateAndKey,
} from './s3/tls-certificates.js';
import { buildWorld, DEFAULT_SEED } from './world/build.js';
import { hdf5Generators } from './world/generators.js';
import type { World } from './world/model.js';
import type { WorldGenerators } from './world/plan.js';

/** How to start the sample archive. */
export interface StartSampleArchiveOptions {
  /** 0 (default) picks free ports; N puts S3 on N and the API on N + 1. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** World seed; the same seed gives the same world. */
  seed?: number;
  /** Also serve a >= 1 GiB NWB (asset of 000463) for benchmarks. Slow the first time. */
  large?: boolean;
  /** The key embargoed dandisets accept as `Authorization: token <key>`. */
  apiKey?: string;
  /** Cache folder for built worlds, or false to build in memory each time. */
  cache?: string | false;
  /** HDF5 writers; default the real h5wasm generators. */
  generators?: WorldGenerators;
  /** Serve both endpoints over https (true: a new CA, its certificate written to a new temporary folder). */
  tls?: boolean | SampleTlsOptions;
  /** S3 object bodies share this many bytes per second (a token bucket for the server); default unlimited. */
  rate?: number;
}

/** How the TLS mode gets its certificate authority and where it tells clients to find it. */
export interface SampleTlsOptions {
  /** The CA that signs the server certificate (default: a new one). */
  ca?: CertificateAndKey;
  /** Where the CA certificate (PEM) is written (default: ca.pem in a new temporary folder, removed on close). */
  caFile?: string;
}

/** A running sample archive. */
export interface RunningSampleArchive {
  /** S3 endpoint URL (path-style), e.g. http://127.0.0.1:40123 */
  s3: string;
  /** DANDI API base URL ending in /api, e.g. http://127.0.0.1:40124/api */
  api: string;
  bucket: string;
  apiKey: string;
  /** In TLS mode, the CA certificate file clients must trust (NODE_EXTRA_CA_CERTS, aws --ca-bundle, curl --cacert). */
  caFile?: string;
  /** Stops both servers. */
  close(): Promise<void>;
}

/** The API key the sample archive accepts unless told otherwise. */
export const DEFAULT_SAMPLE_API_KEY = 'ember-sample-archive-key';

/** Starts the S3 server and the DANDI API emulator over the sample world. */
export async function startSampleArchive(options: StartSampleArchiveOptions = {}): Promise<RunningSampleArchive> {
  checkPort(options.port ?? 0);
  const world = await buildWorld({
    seed: options.seed ?? DEFAULT_SEED,
    generators: options.generators ?? hdf5Generators,
    large: options.large ?? false,
    ...(options.cache === undefined ? {} : { cache: options.cache }),
  });
  return serveWorld(world, options);
}

/** Where and how to serve a world. */
export type ServeWorldOptions = Pick<StartSampleArchiveOptions, 'port' | 'host' | 'apiKey' | 'tls' | 'rate'>;

/** Serves a built world (e.g. one a benchmark added assets to) as startSampleArchive does. */
export async function serveWorld(world: World, options: ServeWorldOptions = {}): Promise<RunningSampleArchive> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  checkPort(port);
  const apiKey = options.apiKey ?? DEFAULT_SAMPLE_API_KEY;
  // One secret per running archive: the API presigns embargoed blobs and the S3 server checks the signatures.
  const signer = createUrlSigner();
  const tls = options.tls ? await prepareTls(options.tls === true ? {} : options.tls, host) : undefined;
  let s3: Awaited<ReturnType<ReturnType<typeof createS3Server>['listen']>>;
  try {
    s3 = await createS3Server(world.store, {
      signer,
      ...(tls ? { tls: tls.server } : {}),
      ...(options.rate === undefined ? {} : { rate: options.rate }),
    }).listen(port, host);
  } catch (error) {
    await tls?.cleanup();
    throw error;
  }
  let urls: ApiUrls | undefined;
  const app = createDandiApi(world.catalog, {
    urls: () => {
      if (!urls) throw new Error('The DANDI API emulator answered before its URLs were known.');
      return urls;
    },
    apiKey,
    presign: (key) => signer.sign(key),
  });
  let api: Server;
  try {
    api = await listen(app.fetch, port === 0 ? 0 : port + 1, host, tls?.server);
  } catch (error) {
    await s3.close();
    await tls?.cleanup();
    throw error;
  }
  const scheme = tls ? 'https' : 'http';
  const apiUrl = `${scheme}://${urlHost(host)}:${(api.address() as AddressInfo).port}/api`;
  // Built here rather than taken from the S3 server, so a wildcard host (0.0.0.0) still yields a usable URL.
  const s3Url = `${scheme}://${urlHost(host)}:${s3.port}`;
  urls = { api: apiUrl, s3: s3Url, bucket: world.bucket };

  let closing: Promise<void> | undefined;
  return {
    s3: s3Url,
    api: apiUrl,
    bucket: world.bucket,
    apiKey,
    ...(tls ? { caFile: tls.caFile } : {}),
    close: () => {
      closing ??= Promise.all([
        s3.close(),
        new Promise<void>((resolve, reject) => {
          api.close((error) => (error ? reject(error) : resolve()));
          api.closeAllConnections();
        }),
      ]).then(() => tls?.cleanup());
      return closing;
    },
  };
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65534) {
    throw new RangeError(
      `The sample archive port must be 0 (free ports) or 1..65534 (S3 there, API on the next), not ${port}.`,
    );
  }
}

/** The certificates of a TLS start, the CA file written for clients, and how to remove what was made for it. */
interface PreparedTls {
  server: CertificateAndKey;
  caFile: string;
  cleanup(): Promise<void>;
}

async function prepareTls(options: SampleTlsOptions, host: string): Promise<PreparedTls> {
  const ca = options.ca ?? createCertificateAuthority();
  const bare = host.replace(/^\[|\]$/g, '');
  const names =
    bare === '' || bare === '0.0.0.0' || bare === '::' || LOOPBACK_NAMES.includes(bare)
      ? LOOPBACK_NAMES
      : [...LOOPBACK_NAMES, bare];
  const server = issueServerCertificate(ca, names);
  if (options.caFile !== undefined) {
    await mkdir(dirname(options.caFile), { recursive: true });
    await writeFile(options.caFile, ca.certPem);
    return { server, caFile: options.caFile, cleanup: async () => undefined };
  }
  const folder = await mkdtemp(join(tmpdir(), 'ember-sample-archive-tls-'));
  const caFile = join(folder, 'ca.pem');
  await writeFile(caFile, ca.certPem);
  return { server, caFile, cleanup: () => rm(folder, { recursive: true, force: true }) };
}

/** Puts the Hono app on a port (over https with `tls`); resolves once bound, rejects if the port is taken. */
function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  host: string,
  tls: CertificateAndKey | undefined,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = (
      tls
        ? serve({
            fetch,
            port,
            hostname: host,
            createServer: createHttpsServer,
            serverOptions: { cert: tls.certPem, key: tls.keyPem },
          })
        : serve({ fetch, port, hostname: host })
    ) as Server;
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

/** The host as it goes in a URL: a wildcard address becomes loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
