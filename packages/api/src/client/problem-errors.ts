// Problem documents back into core's typed errors, so a front end on the HTTP provider catches the same classes
// (with the same one-sentence messages) as on the in-process one.
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
import { LimitExceededError, OutsideAllowListError, RequestTimeoutError } from '../errors.js';

/** The typed error a problem answer stands for (`url`: the request, for errors that name one). */
export function errorFromProblem(status: number, body: { detail?: unknown; code?: unknown }, url: string): EmberError {
  const detail = typeof body.detail === 'string' ? body.detail : `${url} answered HTTP ${status}.`;
  switch (body.code) {
    case 'invalid-input':
      return new InvalidInputError(detail);
    case 'not-found':
      return new NotFoundError(detail, url);
    case 'auth-required':
      return new AuthRequiredError(detail, url);
    case 'selection-too-large':
      return new SelectionTooLargeError(detail, url, 0, 0);
    case 'limit-exceeded':
      return new LimitExceededError(detail, '', 0);
    case 'not-allowed':
      return new OutsideAllowListError(detail, url);
    case 'timeout':
      return new RequestTimeoutError(detail, 0);
    case 'not-hdf5':
      return new NotHdf5Error(detail, url);
    case 'corrupt-file':
      return new CorruptFileError(detail, url);
    case 'unsupported':
      return new UnsupportedError(detail, url);
    case 'integrity':
      return new IntegrityError(detail, url);
    case 'protocol':
      return new ProtocolError(detail, url);
    default:
      return status >= 500 ? new NetworkError(detail, url, status >= 502, status) : new ProtocolError(detail, url);
  }
}
