// The loading, empty and error states every view shows the same way. Errors are one sentence from the API (or the
// network), rendered as text; role="alert" makes screen readers announce them, role="status" announces progress.

/** A polite "loading" line. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="status" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** An error sentence with an optional retry. */
export function ErrorNotice({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <div className="status error" role="alert">
      <p>{error.message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** What an empty result means. */
export function Empty({ children }: { children: string }) {
  return <p className="status empty">{children}</p>;
}
