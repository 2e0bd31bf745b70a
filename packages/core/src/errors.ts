// Typed errors: one class per failure kind, each carrying the URL, path or key involved. Their message is one
// plain sentence a user can act on; front ends print `message` and never a stack trace.

/** Base class of every error ember-archive raises on purpose. */
export class EmberError extends Error {
  /** Stable machine-readable kind, e.g. "not-found"; shown by `--json` front ends. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The user's input (identifier, flag, selection) is malformed. */
export class InvalidInputError extends EmberError {
  constructor(
    message: string,
    readonly input?: string,
  ) {
    super('invalid-input', message);
  }
}

/** A dandiset, version, asset, path, bucket key or object does not exist. */
export class NotFoundError extends EmberError {
  constructor(
    message: string,
    readonly location: string,
  ) {
    super('not-found', message);
  }
}

/** The server wants credentials (embargoed data) or refused the ones given. */
export class AuthRequiredError extends EmberError {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super('auth-required', message);
  }
}

/** A request failed on the way: unreachable host, reset, timeout, or a 5xx/429 answer. */
export class NetworkError extends EmberError {
  constructor(
    message: string,
    readonly url: string,
    readonly retryable: boolean,
    readonly status?: number,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super('network', message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** How long the server asked to wait before trying again (its Retry-After), if it said. */
  readonly retryAfterMs: number | undefined;
}

/**
 * The server's TLS certificate was refused (an issuer this process does not trust, expired, or for another host
 * name). Never retried: trying again cannot change the certificate. See certificate-trust.ts.
 */
export class UntrustedCertificateError extends EmberError {
  constructor(
    message: string,
    readonly url: string,
    /** Node's (OpenSSL's) code, e.g. "UNABLE_TO_VERIFY_LEAF_SIGNATURE" or "ERR_TLS_CERT_ALTNAME_INVALID". */
    readonly tlsCode: string,
    options?: { cause?: unknown },
  ) {
    super('untrusted-certificate', message, options);
  }
}

/** A server answered with something that is not what its API promises (bad JSON, missing fields). */
export class ProtocolError extends EmberError {
  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super('protocol', message, options);
  }
}

/** Bytes do not match the digest or size the archive gives for them. */
export class IntegrityError extends EmberError {
  constructor(
    message: string,
    readonly path: string,
    readonly expected?: string,
    readonly actual?: string,
  ) {
    super('integrity', message);
  }
}

/** The bytes are not an HDF5 file at all. */
export class NotHdf5Error extends EmberError {
  constructor(
    message: string,
    readonly location: string,
  ) {
    super('not-hdf5', message);
  }
}

/** An HDF5 file is truncated or its structures are damaged. */
export class CorruptFileError extends EmberError {
  constructor(
    message: string,
    readonly location: string,
    options?: { cause?: unknown },
  ) {
    super('corrupt-file', message, options);
  }
}

/** A read would be larger than ember-archive allows in one piece. */
export class SelectionTooLargeError extends EmberError {
  constructor(
    message: string,
    readonly location: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super('selection-too-large', message);
  }
}

/** The file uses a feature or layout this version cannot read (a filter, a dtype, a format). */
export class UnsupportedError extends EmberError {
  constructor(
    message: string,
    readonly location: string,
  ) {
    super('unsupported', message);
  }
}

/**
 * A DANDI Zarr asset named where one file is needed: a Zarr is a folder of objects under a bucket prefix, and
 * no view of ember-archive opens it as a file (list it, or download it, instead).
 */
export class ZarrAssetError extends EmberError {
  constructor(
    message: string,
    /** The identifier the user gave. */
    readonly uri: string,
    /** Where the store's objects are, e.g. s3://ember-open-data/zarr/<zarr_id>/. */
    readonly prefix: string,
  ) {
    super('zarr-asset', message);
  }
}

/** Writing to the destination would leave it (path traversal, symlinks) or fail (disk, permissions). */
export class DestinationError extends EmberError {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super('destination', message);
  }
}

/** The file's layout fits more than one reading (a SLEAP analysis file whose shapes fit two axis orders, say). */
export class AmbiguousLayoutError extends EmberError {
  constructor(
    message: string,
    readonly location: string,
  ) {
    super('ambiguous-layout', message);
  }
}

/** One sentence for any thrown value: ours as they are, others reduced to their message. */
export function describeError(error: unknown): string {
  if (error instanceof EmberError) return error.message;
  if (error instanceof Error) return `Unexpected error: ${error.message}`;
  return `Unexpected error: ${String(error)}`;
}
