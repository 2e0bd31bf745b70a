// Error responses shaped like Django REST framework's, which dandi-archive returns:
// `{"detail": "..."}` for 401/403/404 and `{"<param>": ["<message>"]}` for validation failures (400).

/** An HTTP error the emulator answers with a DRF-shaped JSON body. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.detail === 'string' ? body.detail : JSON.stringify(body));
    this.name = 'ApiError';
  }
}

/** DRF NotFound / Django Http404: `{"detail": "Not found."}`, or a specific message such as "Specified path not found.". */
export function notFound(detail = 'Not found.'): ApiError {
  return new ApiError(404, { detail });
}

/** DRF NotAuthenticated, raised for embargoed resources when no credentials came with the request. */
export function notAuthenticated(): ApiError {
  return new ApiError(401, { detail: 'Authentication credentials were not provided.' });
}

/** DRF ValidationError on one query parameter. */
export function invalidParam(name: string, message: string): ApiError {
  return new ApiError(400, { [name]: [message] });
}
