// The bucket's CORS rule, answered the way S3 answers a rule of
//   AllowedOrigins ["*"], AllowedMethods [GET, HEAD], AllowedHeaders ["*"], ExposeHeaders [...], MaxAgeSeconds 3000:
// headers only on requests that carry Origin (as S3 does), `*` as the allowed origin, and preflights answered
// 200 for GET/HEAD, 403 for anything else, 400 without an Origin.
import type { IncomingHttpHeaders } from 'node:http';
import { corsForbidden, preflightWithoutOrigin, type S3ErrorResponse } from './error-response.js';

/** The response headers a browser may read: what range readers and downloaders need. */
export const EXPOSED_HEADERS = [
  'ETag',
  'Content-Range',
  'Content-Length',
  'Accept-Ranges',
  'Last-Modified',
  'Content-Type',
  'x-amz-request-id',
] as const;

const ALLOWED_METHODS = ['GET', 'HEAD'];
const MAX_AGE_SECONDS = '3000';
const VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';

/** CORS headers for an ordinary (non-preflight) request: none unless the request came with an Origin. */
export function corsHeaders(request: IncomingHttpHeaders): Record<string, string> {
  if (request.origin === undefined) return {};
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': ALLOWED_METHODS.join(', '),
    'Access-Control-Expose-Headers': EXPOSED_HEADERS.join(', '),
    'Access-Control-Max-Age': MAX_AGE_SECONDS,
    Vary: VARY,
  };
}

/** The answer to an OPTIONS preflight: the headers to send with 200, or the error S3 gives. */
export function answerPreflight(
  request: IncomingHttpHeaders,
  resourceType: 'OBJECT' | 'BUCKET',
): { readonly headers: Record<string, string> } | { readonly error: S3ErrorResponse } {
  const method = request['access-control-request-method'];
  if (request.origin === undefined || method === undefined) return { error: preflightWithoutOrigin() };
  if (!ALLOWED_METHODS.includes(method.toUpperCase())) return { error: corsForbidden(method, resourceType) };
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': ALLOWED_METHODS.join(', '),
    'Access-Control-Expose-Headers': EXPOSED_HEADERS.join(', '),
    'Access-Control-Max-Age': MAX_AGE_SECONDS,
    Vary: VARY,
  };
  const requested = request['access-control-request-headers'];
  // AllowedHeaders ["*"]: S3 echoes the requested headers back, lower-cased.
  if (requested !== undefined && requested.trim() !== '')
    headers['Access-Control-Allow-Headers'] = requested.toLowerCase();
  return { headers };
}
