// Where the open folder or file sits, each ancestor a link back to its listing.
import { Link } from '@tanstack/react-router';
import { breadcrumbsOf } from '../breadcrumbs.js';

/** Breadcrumbs of `id`; the last crumb is the current page. */
export function Breadcrumbs({ id }: { id: string | undefined }) {
  const crumbs = breadcrumbsOf(id);
  return (
    <nav aria-label="Breadcrumbs" className="breadcrumbs">
      <ol>
        {crumbs.map((crumb, index) => (
          <li key={crumb.id ?? 'root'}>
            {index === crumbs.length - 1 ? (
              <span aria-current="page">{crumb.label}</span>
            ) : crumb.id === undefined ? (
              <Link to="/">{crumb.label}</Link>
            ) : (
              <Link to="/browse" search={{ id: crumb.id }}>
                {crumb.label}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
