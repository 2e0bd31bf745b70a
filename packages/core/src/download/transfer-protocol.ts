// Messages between the download engine and its transfer thread, and how typed errors cross between them (a
// worker's error arrives as plain data, so the class and its fields are carried by name and rebuilt here).
import {
  AuthRequiredError,
  DestinationError,
  IntegrityError,
  NetworkError,
  NotFoundError,
  ProtocolError,
  UntrustedCertificateError,
} from '../errors.js';
import { RetryableNetworkError } from './http-range.js';

/**
 * The transfer thread reports written bytes at least once per this many (and more often on a slow link): each
 * message wakes the main thread, and at loopback speeds one per 1 MiB batch cost more than the writes themselves.
 */
export const REPORT_WRITTEN_BYTES = 8 * 2 ** 20;

/** One ranged GET to stream into the open file descriptor `fd` at the range's own offsets. */
export interface TransferRequest {
  type: 'fetch';
  id: number;
  url: string;
  start: number;
  end: number;
  totalSize: number;
  idleTimeoutMs: number;
  expectedEtag: string | undefined;
  fd: number;
  /** Only for messages: the destination-relative path named in write errors. */
  path: string;
}

/** Main thread to transfer thread. */
export type ToTransferThread = TransferRequest | { type: 'abort'; id: number };

/** Transfer thread to main thread: bytes written (in order), then exactly one `done` or `failed` per request. */
export type FromTransferThread =
  | { type: 'written'; id: number; length: number }
  | { type: 'done'; id: number; bytes: number; etag: string | undefined }
  | { type: 'failed'; id: number; error: SerializedError };

/** An error as plain data. */
export interface SerializedError {
  name: string;
  message: string;
  url?: string | undefined;
  path?: string | undefined;
  location?: string | undefined;
  status?: number | undefined;
  retryable?: boolean | undefined;
  retryAfterMs?: number | undefined;
  expected?: string | undefined;
  actual?: string | undefined;
  tlsCode?: string | undefined;
}

/** `error` as data that survives postMessage with its class name and fields. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const fields = error as Error & Partial<Omit<SerializedError, 'name' | 'message'>>;
  return {
    name: error instanceof RetryableNetworkError ? 'RetryableNetworkError' : error.name,
    message: error.message,
    url: fields.url,
    path: fields.path,
    location: fields.location,
    status: fields.status,
    retryable: fields.retryable,
    retryAfterMs: fields.retryAfterMs,
    expected: fields.expected,
    actual: fields.actual,
    tlsCode: fields.tlsCode,
  };
}

/** The typed error `data` describes (a plain Error for kinds the transfer thread never raises on purpose). */
export function restoreError(data: SerializedError): Error {
  const url = data.url ?? '';
  switch (data.name) {
    case 'RetryableNetworkError':
      return new RetryableNetworkError(data.message, url, data.status, data.retryAfterMs);
    case 'NetworkError':
      return new NetworkError(data.message, url, data.retryable ?? false, data.status);
    case 'ProtocolError':
      return new ProtocolError(data.message, url);
    case 'IntegrityError':
      return new IntegrityError(data.message, data.path ?? url, data.expected, data.actual);
    case 'NotFoundError':
      return new NotFoundError(data.message, data.location ?? url);
    case 'AuthRequiredError':
      return new AuthRequiredError(data.message, url);
    case 'UntrustedCertificateError':
      return new UntrustedCertificateError(data.message, url, data.tlsCode ?? '');
    case 'DestinationError':
      return new DestinationError(data.message, data.path ?? '');
    default: {
      const error = new Error(data.message);
      error.name = data.name;
      return error;
    }
  }
}
