// A failure as the screens show it: core's one sentence, and whether pressing r could help (a network failure
// may pass; a file that is not NWB stays so).
import { describeError, EmberError, NetworkError } from '@ember-archive/core';

/** What a screen shows for a failure. */
export interface Failure {
  message: string;
  retryable: boolean;
}

/** The sentence and the retry hint for any thrown value. */
export function toFailure(error: unknown): Failure {
  return { message: describeError(error), retryable: error instanceof NetworkError || !(error instanceof EmberError) };
}
