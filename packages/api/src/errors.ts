// Failures only the API has: an identifier outside what this server may fetch, and a request over its time budget.
// Core's typed errors cover everything else and are mapped to HTTP statuses in problem.ts.
import { EmberError } from '@ember-archive/core';

/** The identifier names a place this server does not read from (a local path, another host, a private address). */
export class OutsideAllowListError extends EmberError {
  constructor(
    message: string,
    readonly input: string,
  ) {
    super('not-allowed', message);
  }
}

/** The request took longer than the server's per-request limit. */
export class RequestTimeoutError extends EmberError {
  constructor(
    message: string,
    readonly limitMs: number,
  ) {
    super('timeout', message);
  }
}

/** A request parameter is over one of the server's limits (points, frames, entries). */
export class LimitExceededError extends EmberError {
  constructor(
    message: string,
    readonly parameter: string,
    readonly limit: number,
  ) {
    super('limit-exceeded', message);
  }
}
