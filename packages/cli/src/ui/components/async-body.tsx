// What a screen shows for one async read: its failure as one sentence, a spinner while it loads, then its value.
import type { ReactNode } from 'react';
import type { AsyncState } from '../hooks/use-async.js';
import { ErrorLine } from './error-line.js';
import { Spinner } from './spinner.js';

/** Props of AsyncBody. */
export interface AsyncBodyProps<T> {
  state: AsyncState<T>;
  /** What the spinner says, e.g. "Reading pose data…". */
  loadingLabel: string;
  children(value: T): ReactNode;
}

/** The error, the spinner (also while a new read replaces the value shown) or the value. */
export function AsyncBody<T>({ state, loadingLabel, children }: AsyncBodyProps<T>) {
  if (state.error) return <ErrorLine message={state.error} retryable={state.retryable} />;
  if (state.loading || state.value === undefined) return <Spinner label={loadingLabel} />;
  return <>{children(state.value)}</>;
}
