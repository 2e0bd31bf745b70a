// Breadcrumbs from an identifier alone, so a deep link shows its ancestors without asking the API. Canonical
// identifiers (core's formatTarget) are `s3://bucket/key` (folders end in "/") and
// `dandi://instance/dandiset[@version]/path`; anything else is shown as one crumb under the root.

/** One ancestor of an identifier; `id` undefined is the archive root. */
export interface Crumb {
  label: string;
  id?: string;
}

/** The root crumb, then one crumb per path segment of `id` (the last is `id` itself). */
export function breadcrumbsOf(id: string | undefined): Crumb[] {
  const crumbs: Crumb[] = [{ label: 'EMBER' }];
  if (id === undefined || id === '') return crumbs;
  const match = /^(s3|dandi):\/\/(.*)$/.exec(id);
  if (match === null) return [...crumbs, { label: id, id }];
  const [, scheme, rest = ''] = match;
  const folder = rest.endsWith('/');
  const segments = rest.split('/').filter((segment) => segment !== '');
  // dandi://<instance> alone lists the instance, which the root already shows: start at the dandiset.
  const first = scheme === 'dandi' ? 2 : 1;
  for (let i = first; i <= segments.length; i += 1) {
    const path = segments.slice(0, i).join('/');
    const isLast = i === segments.length;
    const trailing = scheme === 's3' && (!isLast || folder) ? '/' : '';
    crumbs.push({ label: decodeSegment(segments[i - 1] ?? ''), id: `${scheme}://${path}${trailing}` });
  }
  return crumbs;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
