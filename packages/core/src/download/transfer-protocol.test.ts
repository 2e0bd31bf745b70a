import { describe, expect, it } from 'vitest';
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
import { restoreError, serializeError } from './transfer-protocol.js';

// Errors from the transfer thread cross as structured clones, which keep no class: the engine's retry and
// failure handling depends on getting the same class and fields back.
describe('serializeError / restoreError', () => {
  const url = 'http://127.0.0.1:1/o.bin';
  it.each([
    new RetryableNetworkError('stalled', url, 503, 1500),
    new NetworkError('HTTP 418', url, false, 418),
    new ProtocolError('bad Content-Range', url),
    new IntegrityError('changed', url, 'a', 'b'),
    new NotFoundError('gone', url),
    new AuthRequiredError('embargoed', url),
    new DestinationError('disk full', 'sub/x.nwb'),
    new UntrustedCertificateError('not trusted', url, 'SELF_SIGNED_CERT_IN_CHAIN'),
  ])('%s keeps its class and fields', (error) => {
    const restored = restoreError(structuredClone(serializeError(error)));
    expect(restored.constructor).toBe(error.constructor);
    expect({ ...restored, message: restored.message }).toEqual({ ...error, message: error.message });
  });

  it('turns anything else into a plain Error with its message', () => {
    const restored = restoreError(structuredClone(serializeError(new TypeError('boom'))));
    expect([restored.constructor, restored.name, restored.message]).toEqual([Error, 'TypeError', 'boom']);
    expect(restoreError(serializeError('text')).message).toBe('text');
  });
});
