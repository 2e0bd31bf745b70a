// Where ember-archive looks: the real EMBER endpoints by default, another archive (such as the sample one) when the
// environment or flags say so. Pure: the caller passes the environment in, so core never reads process.env and
// works the same in Node and browsers.
import { InvalidInputError } from './errors.js';
import { USER_AGENT } from './version.js';

/** A DANDI Archive deployment, named as dandi-cli names it. */
export interface DandiInstance {
  /** dandi-cli's instance name, e.g. "ember-dandi". */
  name: string;
  /** Base URL of the REST API, without a trailing slash, e.g. https://api-dandi.emberarchive.org/api */
  api: string;
  /** Base URL of the web file browser, without a trailing slash (null where dandi-cli knows none). */
  web: string | null;
}

/**
 * dandi-cli's known instances, as `dandi instances` lists them (dandi/dandi-cli
 * docs/source/cmdline/instances.rst and dandi/consts.py `known_instances`). EMBER is `ember-dandi` there.
 */
export const KNOWN_INSTANCES: readonly DandiInstance[] = [
  { name: 'ember-dandi', api: 'https://api-dandi.emberarchive.org/api', web: 'https://dandi.emberarchive.org' },
  {
    name: 'ember-dandi-sandbox',
    api: 'https://api-dandi.sandbox.emberarchive.org/api',
    web: 'https://dandi.sandbox.emberarchive.org',
  },
  { name: 'dandi', api: 'https://api.dandiarchive.org/api', web: 'https://dandiarchive.org' },
  { name: 'dandi-sandbox', api: 'https://api.sandbox.dandiarchive.org/api', web: 'https://sandbox.dandiarchive.org' },
  { name: 'linc', api: 'https://api.lincbrain.org/api', web: 'https://lincbrain.org' },
  { name: 'linc-staging', api: 'https://staging-api.lincbrain.org/api', web: 'https://staging.lincbrain.org' },
  { name: 'dandi-api-local-docker-tests', api: 'http://localhost:8000/api', web: 'http://localhost:8085' },
];

/** The instance EMBER runs, and the default for every command. */
export const EMBER_INSTANCE = 'ember-dandi';

/** EMBER's open data bucket and how to reach it without credentials. */
export const EMBER_S3 = {
  endpoint: 'https://s3.us-east-1.amazonaws.com',
  region: 'us-east-1',
  bucket: 'ember-open-data',
  forcePathStyle: true,
} as const;

/** Where the bucket is served. */
export interface BucketConfig {
  /** S3 endpoint without a trailing slash, e.g. https://s3.us-east-1.amazonaws.com */
  endpoint: string;
  region: string;
  /** The EMBER bucket; `s3://` identifiers may name others on the same endpoint. */
  bucket: string;
  /** Path-style addressing (endpoint/bucket/key) rather than virtual-host (bucket.endpoint/key). */
  forcePathStyle: boolean;
  /** True when the endpoint is not AWS's default: URLs that name the bucket on AWS are then redirected here. */
  overridden: boolean;
}

/** Request behaviour shared by the S3 and DANDI clients. */
export interface HttpConfig {
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Attempts per request, including the first (network errors, 429 and 5xx are retried). */
  maxAttempts: number;
  /** First retry delay in milliseconds; doubles per attempt. */
  retryBaseMs: number;
  userAgent: string;
}

/** Everything a client or command needs to know about where the archive is. */
export interface Config {
  /** Instance used when an identifier names none (`EMBER-DANDI`). */
  defaultInstance: string;
  /** Known instances by name, with `EMBER_API_URL` applied to `ember-dandi`. */
  instances: Readonly<Record<string, DandiInstance>>;
  /** API keys by instance name; each is sent only to that instance's API. */
  apiKeys: Readonly<Record<string, string>>;
  /** Where each key came from ("EMBER_DANDI_API_KEY", "the apiKey option"), so a refused key can be traced. */
  apiKeySources?: Readonly<Record<string, string>>;
  s3: BucketConfig;
  http: HttpConfig;
}

/** What flags (or a caller) can set on top of the environment; the highest precedence. */
export interface ConfigOverrides {
  /** `--api`: the API URL of the default instance. */
  apiUrl?: string;
  /** `--s3-endpoint`: the S3 endpoint serving the bucket. */
  s3Endpoint?: string;
  region?: string;
  bucket?: string;
  forcePathStyle?: boolean;
  /** API key for the default instance (wins over its environment variable). */
  apiKey?: string;
  /** How the caller names where `apiKey` came from in messages (e.g. "--api-key"); default "the apiKey option". */
  apiKeySource?: string;
  timeoutMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
}

/** Environment variables read by {@link loadConfig}, for documentation and `--help`. */
export const CONFIG_ENV_VARS = [
  'EMBER_API_URL',
  'EMBER_S3_ENDPOINT',
  'EMBER_S3_REGION',
  'EMBER_BUCKET',
  'EMBER_S3_PATH_STYLE',
  'EMBER_DANDI_API_KEY',
  '<INSTANCE>_API_KEY',
  'EMBER_TIMEOUT_MS',
  'EMBER_MAX_ATTEMPTS',
] as const;

const DEFAULT_HTTP: Omit<HttpConfig, 'userAgent'> = { timeoutMs: 30_000, maxAttempts: 4, retryBaseMs: 250 };

/**
 * dandi-cli's per-instance key variable: the instance name upper-cased, "-" -> "_", plus "_API_KEY"
 * (dandi/dandi-cli PR #1731, "Obtain API key for DANDI instance from corresponding env var").
 */
export function apiKeyEnvVar(instanceName: string): string {
  return `${instanceName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`;
}

/** Build the configuration from an environment (e.g. `process.env`) and overrides (e.g. CLI flags). */
export function loadConfig(env: Record<string, string | undefined> = {}, overrides: ConfigOverrides = {}): Config {
  const apiUrl = overrides.apiUrl ?? nonEmpty(env.EMBER_API_URL);
  const instances: Record<string, DandiInstance> = {};
  for (const instance of KNOWN_INSTANCES) instances[instance.name] = { ...instance };
  if (apiUrl !== undefined) {
    // Another archive stands in for EMBER: identifiers naming ember-dandi, including pasted EMBER web-browser URLs,
    // go to its API.
    const ember = instances[EMBER_INSTANCE];
    instances[EMBER_INSTANCE] = {
      name: EMBER_INSTANCE,
      api: normalizeBaseUrl(apiUrl, 'EMBER_API_URL'),
      web: ember?.web ?? null,
    };
  }

  // Each instance reads only its own variable, as dandi-cli's `dandi_authenticate` does (dandi/dandi-cli
  // dandi/dandiapi.py): DANDI_API_KEY belongs to dandiarchive.org, and dandi-archive answers a key it does not know
  // with 401 even on public endpoints, so sending it to EMBER would break every request of anyone who uses both.
  const apiKeys: Record<string, string> = {};
  const apiKeySources: Record<string, string> = {};
  for (const name of Object.keys(instances)) {
    const variable = apiKeyEnvVar(name);
    const key = nonEmpty(env[variable]);
    if (key === undefined) continue;
    apiKeys[name] = key;
    apiKeySources[name] = variable;
  }
  const explicit = nonEmpty(overrides.apiKey);
  if (explicit !== undefined) {
    apiKeys[EMBER_INSTANCE] = explicit;
    apiKeySources[EMBER_INSTANCE] = overrides.apiKeySource ?? 'the apiKey option';
  }

  const endpoint = overrides.s3Endpoint ?? nonEmpty(env.EMBER_S3_ENDPOINT);
  const pathStyleEnv = nonEmpty(env.EMBER_S3_PATH_STYLE);
  const s3: BucketConfig = {
    endpoint: endpoint === undefined ? EMBER_S3.endpoint : normalizeBaseUrl(endpoint, 'EMBER_S3_ENDPOINT'),
    region: overrides.region ?? nonEmpty(env.EMBER_S3_REGION) ?? EMBER_S3.region,
    bucket: overrides.bucket ?? nonEmpty(env.EMBER_BUCKET) ?? EMBER_S3.bucket,
    forcePathStyle:
      overrides.forcePathStyle ??
      (pathStyleEnv === undefined ? EMBER_S3.forcePathStyle : parseBoolean(pathStyleEnv, 'EMBER_S3_PATH_STYLE')),
    overridden: endpoint !== undefined,
  };

  const http: HttpConfig = {
    timeoutMs: overrides.timeoutMs ?? parseCount(env.EMBER_TIMEOUT_MS, 'EMBER_TIMEOUT_MS') ?? DEFAULT_HTTP.timeoutMs,
    maxAttempts:
      overrides.maxAttempts ?? parseCount(env.EMBER_MAX_ATTEMPTS, 'EMBER_MAX_ATTEMPTS') ?? DEFAULT_HTTP.maxAttempts,
    retryBaseMs: overrides.retryBaseMs ?? DEFAULT_HTTP.retryBaseMs,
    userAgent: USER_AGENT,
  };
  if (http.maxAttempts < 1)
    throw new InvalidInputError('EMBER_MAX_ATTEMPTS must be at least 1.', String(http.maxAttempts));

  return { defaultInstance: EMBER_INSTANCE, instances, apiKeys, apiKeySources, s3, http };
}

/**
 * The instance called `name` (or, given an API URL, the known instance serving it, else an ad-hoc instance named by
 * that URL); an InvalidInputError listing the known names for an unknown name.
 */
export function getInstance(config: Config, name: string): DandiInstance {
  if (/^https?:\/\//i.test(name)) {
    const api = normalizeBaseUrl(name, 'The API URL');
    return Object.values(config.instances).find((i) => i.api === api) ?? { name: api, api, web: null };
  }
  const instance = config.instances[name.toLowerCase()];
  if (instance) return instance;
  const known = Object.keys(config.instances).sort().join(', ');
  throw new InvalidInputError(`Unknown DANDI instance "${name}"; known instances: ${known}.`, name);
}

/** A URL without its trailing slashes, after checking it is http(s). */
export function normalizeBaseUrl(value: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(`${setting} is not a URL: "${value}".`, value);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError(`${setting} must be an http(s) URL, not "${value}".`, value);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parseCount(value: string | undefined, setting: string): number | undefined {
  const text = nonEmpty(value);
  if (text === undefined) return undefined;
  const number = Number(text);
  if (!Number.isInteger(number) || number < 0) {
    throw new InvalidInputError(`${setting} must be a whole number, not "${text}".`, text);
  }
  return number;
}

function parseBoolean(value: string, setting: string): boolean {
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new InvalidInputError(`${setting} must be true or false, not "${value}".`, value);
}
