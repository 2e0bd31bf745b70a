// HTTP for one DANDI instance: JSON GETs with timeouts and retries as configuration, a User-Agent on every
// request, and the API key attached only to URLs under the instance's API. Redirects are followed by hand so the
// key is re-decided at every hop and never forwarded to S3 or any other host.
import { untrustedCertificateError } from '../certificate-trust.js';
import { apiKeyEnvVar, type DandiInstance, type HttpConfig } from '../config.js';
import { AuthRequiredError, EmberError, NetworkError, NotFoundError, ProtocolError } from '../errors.js';
import { parseRetryAfter, retryPolicyFromConfig, withRetries, type RetryPolicy } from '../retry.js';

/** The fetch function used (tests and browsers may pass their own). */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

/** Options of {@link DandiHttp}. */
export interface DandiHttpOptions {
  instance: DandiInstance;
  apiKey?: string;
  /** Where the key came from, e.g. "EMBER_DANDI_API_KEY", for the message when the server refuses it. */
  apiKeySource?: string;
  http: HttpConfig;
  fetch?: FetchFunction;
}

/** What a request is about, for error messages: "dandiset 000463", "path sub-01/ in dandiset 000463@draft". */
export interface RequestSubject {
  what: string;
}

const MAX_REDIRECTS = 5;

/** Requests to one DANDI instance's API. */
export class DandiHttp {
  readonly instance: DandiInstance;
  readonly #apiKey: string | undefined;
  readonly #apiKeySource: string | undefined;
  readonly #http: HttpConfig;
  readonly #policy: RetryPolicy;
  readonly #fetch: FetchFunction;
  readonly #api: URL;

  constructor(options: DandiHttpOptions) {
    this.instance = options.instance;
    this.#apiKey = options.apiKey;
    this.#apiKeySource = options.apiKeySource;
    this.#http = options.http;
    this.#policy = retryPolicyFromConfig(options.http);
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#api = new URL(`${options.instance.api}/`);
  }

  /** Absolute URL of an API path such as "dandisets/000463/". */
  url(path: string, query: Record<string, string | number | boolean | undefined> = {}): string {
    const url = new URL(path.replace(/^\//, ''), this.#api);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  /** True when `url` lies under this instance's API, the only place its key may go. */
  isApiUrl(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    return parsed.origin === this.#api.origin && parsed.pathname.startsWith(this.#api.pathname);
  }

  /** GET `url` and return its parsed JSON body; typed errors for every failure. */
  async getJson(url: string, subject: RequestSubject, signal?: AbortSignal): Promise<unknown> {
    const response = await this.#request(url, 'GET', subject, signal, true);
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ProtocolError(`The server at ${response.url || url} did not send JSON for ${subject.what}.`, url, {
        cause: error,
      });
    }
  }

  /**
   * Where an API URL redirects to (e.g. `assets/{id}/download/` -> the S3 object), asked with the key but without
   * following the redirect, so the key never reaches the object store.
   */
  async redirectLocation(url: string, subject: RequestSubject, signal?: AbortSignal): Promise<string> {
    const response = await this.#request(url, 'GET', subject, signal, false);
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) {
      throw new ProtocolError(
        `${url} answered HTTP ${response.status} instead of redirecting to the bytes of ${subject.what}.`,
        url,
      );
    }
    return new URL(location, url).toString();
  }

  async #request(
    url: string,
    method: string,
    subject: RequestSubject,
    signal: AbortSignal | undefined,
    followRedirects: boolean,
  ): Promise<Response> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const response = await this.#withRetries(current, method, subject, signal);
      const location = response.headers.get('location');
      const redirect = response.status >= 300 && response.status < 400 && location !== null;
      if (redirect && !followRedirects) return response;
      if (!redirect) return await this.#checkStatus(response, current, subject);
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new ProtocolError(`Too many redirects from ${url}.`, url);
      current = new URL(location, current).toString();
    }
  }

  async #withRetries(
    url: string,
    method: string,
    subject: RequestSubject,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const headers: Record<string, string> = { 'User-Agent': this.#http.userAgent, Accept: 'application/json' };
    if (this.#apiKey !== undefined && this.isApiUrl(url)) headers.Authorization = `token ${this.#apiKey}`;
    const timeoutMs = this.#http.timeoutMs;
    return withRetries(
      this.#policy,
      async (attemptSignal) => {
        let response: Response;
        try {
          response = await this.#fetch(url, {
            method,
            headers,
            redirect: 'manual',
            ...(attemptSignal ? { signal: attemptSignal } : {}),
          });
        } catch (error) {
          if (signal?.aborted)
            throw new NetworkError(`The request for ${url} was aborted.`, url, false, undefined, { cause: error });
          // A certificate nobody trusts does not get better by asking again: say how to trust it.
          const untrusted = untrustedCertificateError(error, url);
          if (untrusted) throw untrusted;
          const timedOut = attemptSignal?.aborted === true;
          const message = timedOut
            ? `${url} did not answer within ${timeoutMs} ms.`
            : `Cannot reach ${url} (${networkReason(error)}).`;
          throw new NetworkError(message, url, true, undefined, { cause: error });
        }
        if (response.status !== 429 && response.status < 500) return response;
        await response.body?.cancel();
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        throw new NetworkError(`${url} answered HTTP ${response.status}.`, url, true, response.status, {
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        });
      },
      (error) => (error instanceof NetworkError && error.retryable ? { retryAfterMs: error.retryAfterMs } : undefined),
      { timeoutMs, ...(signal ? { signal } : {}) },
    ).catch((error: unknown) => {
      // An abort during the wait between attempts rejects with the signal's reason: say it as the other aborts do.
      if (signal?.aborted && !(error instanceof EmberError)) {
        throw new NetworkError(`The request for ${url} was aborted.`, url, false, undefined, { cause: error });
      }
      throw error;
    });
  }

  async #checkStatus(response: Response, url: string, subject: RequestSubject): Promise<Response> {
    if (response.ok) return response;
    const detail = await errorDetail(response);
    if (response.status === 404) {
      throw new NotFoundError(`${capitalize(subject.what)} does not exist on ${this.instance.name} (${url}).`, url);
    }
    if (response.status === 401 || response.status === 403) {
      const name = this.instance.name;
      if (this.#apiKey === undefined) {
        throw new AuthRequiredError(
          `${capitalize(subject.what)} is embargoed or private on ${name}: set ${this.keyVariables()} to an API key of that archive.`,
          url,
        );
      }
      const source = this.#apiKeySource ?? this.keyVariables();
      if (response.status === 401) {
        // dandi-archive authenticates before it looks at permissions, so a key it does not know fails every
        // request, public ones included (DRF TokenAuthentication: 401 "Invalid token.").
        throw new AuthRequiredError(
          `${name} refused the API key in ${source} for ${subject.what} (HTTP 401${detail}); ` +
            `it is not a key of ${name}: unset ${source} or set it to a key from ${this.instance.web ?? this.instance.api}.`,
          url,
        );
      }
      throw new AuthRequiredError(
        `The API key in ${source} does not give access to ${subject.what} on ${name} (HTTP 403${detail}); ` +
          'only its owners may read an embargoed dandiset.',
        url,
      );
    }
    throw new ProtocolError(`${url} answered HTTP ${response.status}${detail} for ${subject.what}.`, url);
  }

  /** The environment variable that holds this instance's key, for messages. */
  keyVariables(): string {
    return apiKeyEnvVar(this.instance.name);
  }
}

/** The server's reason from a DRF error body (`{"detail": ...}`, a bare string, `{"<param>": [...]}`) as ": reason". */
async function errorDetail(response: Response): Promise<string> {
  let text: string;
  try {
    text = (await response.text()).slice(0, 2000);
  } catch {
    return '';
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return '';
  }
  if (typeof body === 'string') return `: ${body}`;
  if (body !== null && typeof body === 'object') {
    const values = Object.values(body as Record<string, unknown>).flat();
    const first = values.find((v): v is string => typeof v === 'string');
    if (first !== undefined) return `: ${first}`;
  }
  return '';
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  // fetch refuses some ports (e.g. 1, 9, 6000) before connecting, and says only "bad port".
  if (cause?.message === 'bad port') return 'fetch refuses to connect to that port';
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
