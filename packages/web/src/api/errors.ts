// Typed failures of the viewer's API calls, each one sentence a person can act on.

/** The API answered with an error status; the message is the API's own sentence when it sent one. */
export class ApiHttpError extends Error {
  override readonly name = 'ApiHttpError';
  constructor(
    message: string,
    readonly status: number,
    readonly url: string,
  ) {
    super(message);
  }
}

/** The API could not be reached at all (server down, network gone). */
export class ApiUnreachableError extends Error {
  override readonly name = 'ApiUnreachableError';
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`The API at ${url} could not be reached (${cause instanceof Error ? cause.message : String(cause)}).`);
  }
}

/** The API answered with something that is not the shape the viewer expects. */
export class ApiResponseError extends Error {
  override readonly name = 'ApiResponseError';
  constructor(message: string) {
    super(`The API sent an unexpected response: ${message}.`);
  }
}
