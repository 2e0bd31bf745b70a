// The one place that recognises a refused TLS certificate, for every client in core (bucket listings, range reads,
// downloads, the DANDI API): Node raises OpenSSL's verification codes on the socket error (node:https, tls, the AWS
// SDK's handler), and fetch (undici) wraps that error as the `cause` of a TypeError("fetch failed"). Each becomes
// an UntrustedCertificateError whose sentence says what to do, instead of a retried, generic network failure.
// Codes: OpenSSL's X509_V_ERR_* names as Node reports them (nodejs/node src/crypto/crypto_common.cc,
// X509_ERROR_CODES) and ERR_TLS_CERT_ALTNAME_INVALID from tls.checkServerIdentity (nodejs/node lib/tls.js).
import { UntrustedCertificateError } from './errors.js';

/** The issuer is not one this process trusts: a private CA that NODE_EXTRA_CA_CERTS can add. */
const UNTRUSTED_ISSUER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);
/** The certificate is outside its validity period. */
const OUT_OF_DATE = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
/** The certificate is damaged, not meant for a server, or does not name the host asked for. */
const INVALID = new Set([
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'INVALID_CA',
  'INVALID_PURPOSE',
]);

/** How deep to look through `cause` links (fetch adds one; the AWS SDK none). */
const MAX_CAUSE_DEPTH = 4;

/**
 * The UntrustedCertificateError for `url` when `error` (or one of its causes) is a refused server certificate;
 * undefined for any other failure, which the caller handles as before.
 */
export function untrustedCertificateError(error: unknown, url: string): UntrustedCertificateError | undefined {
  if (error instanceof UntrustedCertificateError) return error;
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && (UNTRUSTED_ISSUER.has(code) || OUT_OF_DATE.has(code) || INVALID.has(code))) {
      return new UntrustedCertificateError(sentence(url, code, current.message.replace(/\.$/, '')), url, code, {
        cause: error,
      });
    }
    current = current.cause;
  }
  return undefined;
}

function sentence(url: string, code: string, detail: string): string {
  const certificate = `The TLS certificate of ${url}`;
  if (UNTRUSTED_ISSUER.has(code)) {
    const trust = "set NODE_EXTRA_CA_CERTS to that CA's certificate file (PEM)";
    return `${certificate} is not trusted (${detail}); if a private CA issued it, ${trust}.`;
  }
  if (OUT_OF_DATE.has(code)) {
    return `${certificate} is not valid now (${detail}); the server must renew it, or this machine's clock is wrong.`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `${certificate} is for another host name (${detail}); use a host name the certificate names.`;
  }
  return `${certificate} is invalid (${detail}); the server must present a valid one.`;
}
