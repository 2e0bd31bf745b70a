// Errors of the /v1 routes as RFC 9457 problem details (application/problem+json): core's typed errors keep their
// one-sentence message as `detail` and their code; the status says what kind of failure it was. Unexpected errors
// are reported without their message, which could show internals to the internet.
import {
  AuthRequiredError,
  CorruptFileError,
  EmberError,
  IntegrityError,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  NotHdf5Error,
  ProtocolError,
  SelectionTooLargeError,
  UnsupportedError,
} from '@ember-archive/core';
import { LimitExceededError, OutsideAllowListError, RequestTimeoutError } from './errors.js';

/** An RFC 9457 problem document, with the error's stable code as an extension member. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}

/** The media type of problem documents. */
export const PROBLEM_JSON = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
};

/**
 * The error to report: core's clients wrap a failed fetch in a NetworkError, but a refusal by the allow-list
 * inside it (guarded-fetch.ts) is the caller's identifier's fault, not the archive's.
 */
export function reportedError(error: unknown): unknown {
  for (let inner: unknown = error, depth = 0; inner instanceof Error && depth < 5; inner = inner.cause, depth++) {
    if (inner instanceof OutsideAllowListError) return inner;
  }
  return error;
}

/** The HTTP status of a thrown value; `authorized` says whether the caller sent credentials (401 vs 403). */
export function statusOf(thrown: unknown, authorized: boolean): number {
  const error = reportedError(thrown);
  if (error instanceof InvalidInputError) return 400;
  if (error instanceof AuthRequiredError) return authorized ? 403 : 401;
  if (error instanceof OutsideAllowListError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof SelectionTooLargeError || error instanceof LimitExceededError) return 413;
  if (error instanceof NotHdf5Error || error instanceof CorruptFileError || error instanceof UnsupportedError)
    return 422;
  if (error instanceof RequestTimeoutError) return 504;
  if (error instanceof NetworkError) return isTimeout(error) ? 504 : 502;
  if (error instanceof ProtocolError || error instanceof IntegrityError) return 502;
  return 500;
}

/** The problem document for a thrown value. */
export function problemOf(thrown: unknown, authorized: boolean): Problem {
  const status = statusOf(thrown, authorized);
  const error = reportedError(thrown);
  const known = error instanceof EmberError;
  return {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail: known ? error.message : 'The server failed to answer this request; it has been logged.',
    code: known ? error.code : 'internal',
  };
}

/** A problem document for a status and sentence of our own (404 of an unknown route, 400 of a bad parameter). */
export function problem(status: number, detail: string, code: string): Problem {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, code };
}

function isTimeout(error: NetworkError): boolean {
  const cause = error.cause;
  if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) return true;
  return /timed out|timeout/i.test(error.message);
}
