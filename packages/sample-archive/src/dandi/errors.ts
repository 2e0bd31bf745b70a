// Error responses shaped like dandi-archive's (dandiapi/drf_utils.py, dandiapi/api/services/exceptions.py over
// Django REST framework's rest_framework/exceptions.py and views.py):
// - DRF exceptions: `{"detail": "..."}` (401, 403, 404); DRF's 401s carry `WWW-Authenticate: Bearer realm="api"`,
//   taken from the first authenticator (OAuth2);
// - validation failures (400): `{"<param>": ["<message>"]}`, except search: `{"search": "<message>"}`;
// - DandiError and explicit `Response("...")`: a bare JSON string, without WWW-Authenticate.

/** An HTTP error the emulator answers with a dandi-archive-shaped JSON body. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405,
    readonly body: Record<string, unknown> | string,
    /** DRF's NotAuthenticated and AuthenticationFailed send a challenge; DandiError's 401s do not. */
    readonly challenge = false,
  ) {
    super(typeof body === 'string' ? body : typeof body.detail === 'string' ? body.detail : JSON.stringify(body));
    this.name = 'ApiError';
  }
}

/** What DRF's 401s send as `WWW-Authenticate` (django-oauth-toolkit OAuth2Authentication.authenticate_header). */
export const WWW_AUTHENTICATE = 'Bearer realm="api"';

/** DRF NotFound / Django Http404: `{"detail": "Not found."}`, or a specific message such as "Specified path not found.". */
export function notFound(detail = 'Not found.'): ApiError {
  return new ApiError(404, { detail });
}

/** DRF NotAuthenticated, raised for embargoed resources when no credentials came with the request. */
export function notAuthenticated(): ApiError {
  return new ApiError(401, { detail: 'Authentication credentials were not provided.' }, true);
}

/** DRF AuthenticationFailed from TokenAuthentication (an unknown key fails every request, public ones included). */
export function authenticationFailed(detail: string): ApiError {
  return new ApiError(401, { detail }, true);
}

/** DRF PermissionDenied: a valid user who may not read the resource. */
export function permissionDenied(): ApiError {
  return new ApiError(403, { detail: 'You do not have permission to perform this action.' });
}

/** DRF ValidationError on one query parameter. */
export function invalidParam(name: string, message: string): ApiError {
  return new ApiError(400, { [name]: [message] });
}

/** A DandiError or an explicit `Response("...", status=...)`: the body is a bare JSON string. */
export function bareError(status: 400 | 401 | 404, message: string): ApiError {
  return new ApiError(status, message);
}
