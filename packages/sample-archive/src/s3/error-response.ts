// The S3 error documents the read-only server answers with: code, HTTP status and message as AWS words
// them, plus the detail elements AWS adds (Key, BucketName, RangeRequested ...).
import { XML_DECLARATION, element } from './xml.js';

/** One S3 error answer, before the request id is attached. */
export interface S3ErrorResponse {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Extra elements AWS writes after Message, in order. */
  readonly details?: ReadonlyArray<readonly [string, string]>;
  /** Extra response headers (416 carries Content-Range). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** GET or HEAD of a key the bucket does not hold. */
export function noSuchKey(key: string): S3ErrorResponse {
  return { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.', details: [['Key', key]] };
}

/** Any request naming a bucket other than the served one. */
export function noSuchBucket(bucket: string): S3ErrorResponse {
  return {
    status: 404,
    code: 'NoSuchBucket',
    message: 'The specified bucket does not exist',
    details: [['BucketName', bucket]],
  };
}

/** A byte range that starts at or beyond the end of the object (or any range of an empty object). */
export function invalidRange(range: string, size: number): S3ErrorResponse {
  return {
    status: 416,
    code: 'InvalidRange',
    message: 'The requested range is not satisfiable',
    details: [
      ['RangeRequested', range],
      ['ActualObjectSize', String(size)],
    ],
    headers: { 'Content-Range': `bytes */${size}` },
  };
}

/** A query parameter with a value S3 refuses. */
export function invalidArgument(message: string, name: string, value: string): S3ErrorResponse {
  return {
    status: 400,
    code: 'InvalidArgument',
    message,
    details: [
      ['ArgumentName', name],
      ['ArgumentValue', value],
    ],
  };
}

/** A request S3 refuses for its form rather than an argument (e.g. response-* overrides when anonymous). */
export function invalidRequest(message: string): S3ErrorResponse {
  return { status: 400, code: 'InvalidRequest', message };
}

/** A path whose percent-encoding does not decode. */
export function invalidUri(uri: string): S3ErrorResponse {
  return { status: 400, code: 'InvalidURI', message: "Couldn't parse the specified URI.", details: [['URI', uri]] };
}

/** What an anonymous caller gets for every write and every protected sub-resource of a public bucket. */
export function accessDenied(): S3ErrorResponse {
  return { status: 403, code: 'AccessDenied', message: 'Access Denied' };
}

/** A presigned URL whose signature is not the server's (S3: SignatureDoesNotMatch). */
export function signatureDoesNotMatch(): S3ErrorResponse {
  return {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message:
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  };
}

/** A presigned URL past its lifetime. */
export function requestExpired(): S3ErrorResponse {
  return { status: 403, code: 'AccessDenied', message: 'Request has expired' };
}

/** An HTTP method S3 does not serve at all. */
export function methodNotAllowed(method: string, resourceType: 'OBJECT' | 'BUCKET' | 'SERVICE'): S3ErrorResponse {
  return {
    status: 405,
    code: 'MethodNotAllowed',
    message: 'The specified method is not allowed against this resource.',
    details: [
      ['Method', method],
      ['ResourceType', resourceType],
    ],
    headers: { Allow: 'GET, HEAD, OPTIONS' },
  };
}

/** If-Match or If-Unmodified-Since did not hold. */
export function preconditionFailed(condition: string): S3ErrorResponse {
  return {
    status: 412,
    code: 'PreconditionFailed',
    message: 'At least one of the pre-conditions you specified did not hold',
    details: [['Condition', condition]],
  };
}

/** A CORS preflight without an Origin header. */
export function preflightWithoutOrigin(): S3ErrorResponse {
  return { status: 400, code: 'BadRequest', message: 'Insufficient information. Origin request header needed.' };
}

/** A CORS preflight for a method or header the bucket's CORS rule does not allow. */
export function corsForbidden(method: string, resourceType: 'OBJECT' | 'BUCKET'): S3ErrorResponse {
  return {
    status: 403,
    code: 'AccessForbidden',
    message:
      "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
    details: [
      ['Method', method],
      ['ResourceType', resourceType],
    ],
  };
}

/** The `<Error>` document S3 sends in the body of a failed non-HEAD request. */
export function errorXml(error: S3ErrorResponse, requestId: string, hostId: string): string {
  const details = (error.details ?? []).map(([name, value]) => element(name, value)).join('');
  return (
    XML_DECLARATION +
    `<Error>${element('Code', error.code)}${element('Message', error.message)}${details}` +
    `${element('RequestId', requestId)}${element('HostId', hostId)}</Error>`
  );
}
