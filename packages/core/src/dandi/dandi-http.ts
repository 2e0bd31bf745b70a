// HTTP for one DANDI instance: JSON GETs with timeouts and retries as configuration, a User-Agent on every
// request, and the API key attached only to URLs under the instance's API. Redirects are followed by hand so the
// key is re-decided at every hop and never forwarded to S3 or any other host.
import { apiKeyEnvVar, EMBER_INSTANCE, type DandiInstance, type HttpConfig } from '../config.js';
import { AuthRequiredError, EmberError, NetworkError, NotFoundError, ProtocolError } from '../errors.js';

/** The fetch function used (tests and browsers may pass their own). */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

/** Options of {@link DandiHttp}. */
export interface DandiHttpOptions {
  instance: DandiInstance;
  apiKey?: string;
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
  readonly #http: HttpConfig;
  readonly #fetch: FetchFunction;
  readonly #api: URL;

  constructor(options: DandiHttpOptions) {
    this.instance = options.instance;
    this.#apiKey = options.apiKey;
    this.#http = options.http;
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
      throw new ProtocolError(`The server at ${response.url || url} did not send JSON for ${subject.what}.`, url, { cause: error });
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
      throw new ProtocolError(`${url} answered HTTP ${response.status} instead of redirecting to the bytes of ${subject.what}.`, url);
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
      if (!redirect) return this.#checkStatus(response, current, subject);
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new ProtocolError(`Too many redirects from ${url}.`, url);
      current = new URL(location, current).toString();
    }
  }

  async #withRetries(url: string, method: string, subject: RequestSubject, signal: AbortSignal | undefined): Promise<Response> {
    const headers: Record<string, string> = { 'User-Agent': this.#http.userAgent, Accept: 'application/json' };
    if (this.#apiKey !== undefined && this.isApiUrl(url)) headers.Authorization = `token ${this.#apiKey}`;
    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(this.#http.timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      let failure: EmberError;
      try {
        const response = await this.#fetch(url, { method, headers, redirect: 'manual', signal: combined });
        if (response.status !== 429 && response.status < 500) return response;
        await response.body?.cancel();
        failure = new NetworkError(`${url} answered HTTP ${response.status}.`, url, true, response.status);
      } catch (error) {
        if (signal?.aborted) throw new NetworkError(`The request for ${url} was aborted.`, url, false, undefined, { cause: error });
        failure = timeout.aborted
          ? new NetworkError(`${url} did not answer within ${this.#http.timeoutMs} ms.`, url, true, undefined, { cause: error })
          : new NetworkError(`Cannot reach ${url} (${networkReason(error)}).`, url, true, undefined, { cause: error });
      }
      if (attempt >= this.#http.maxAttempts) throw failure;
      await sleep(this.#http.retryBaseMs * 2 ** (attempt - 1), signal);
    }
  }

  #checkStatus(response: Response, url: string, subject: RequestSubject): Response {
    if (response.ok) return response;
    void response.body?.cancel();
    if (response.status === 404) {
      throw new NotFoundError(`${capitalize(subject.what)} does not exist on ${this.instance.name} (${url}).`, url);
    }
    if (response.status === 401 || response.status === 403) {
      const variables = this.keyVariables();
      if (this.#apiKey === undefined) {
        throw new AuthRequiredError(
          `${capitalize(subject.what)} is embargoed or private on ${this.instance.name}: set ${variables} to an API key of that archive.`,
          url,
        );
      }
      throw new AuthRequiredError(
        `The API key in ${variables} was refused for ${subject.what} on ${this.instance.name} (HTTP ${response.status}).`,
        url,
      );
    }
    throw new ProtocolError(`${url} answered HTTP ${response.status} for ${subject.what}.`, url);
  }

  /** The environment variables that hold this instance's key, for messages. */
  keyVariables(): string {
    const own = apiKeyEnvVar(this.instance.name);
    return this.instance.name === EMBER_INSTANCE ? `DANDI_API_KEY (or ${own})` : own;
  }
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

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
