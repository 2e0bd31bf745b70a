// Home: EMBER's bucket projects and dandisets side by side, searchable by name or title.
import { useApi } from '../api/context.js';
import type { ListingEntry } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { EntryLink } from '../components/Listing.js';
import { Empty, ErrorNotice, Loading } from '../components/Status.js';
import { formatBytes, formatCount } from '../format.js';
import { arrangeEntries, splitRoot } from './arrange.js';
import type { HomeSearch } from './search.js';

// The root is small (projects plus dandisets); a bound keeps a misbehaving cursor from looping forever.
const MAX_ROOT_PAGES = 50;

/** Home's view; `onSearch` writes the search box to the URL. */
export function HomeView({ search, onSearch }: { search: HomeSearch; onSearch: (search: HomeSearch) => void }) {
  const api = useApi();
  const root = useResource('root', async (signal) => {
    const entries: ListingEntry[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_ROOT_PAGES; page += 1) {
      const result = await api.list(undefined, cursor, signal);
      entries.push(...result.entries);
      cursor = result.next;
      if (cursor === undefined) break;
    }
    return entries;
  });

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">EMBER open data</h1>
      <label className="search">
        <span>Search projects and dandisets</span>
        <input
          type="search"
          value={search.q ?? ''}
          placeholder="name or title"
          onChange={(event) => onSearch(event.target.value === '' ? {} : { q: event.target.value })}
        />
      </label>
      {root.status === 'loading' && <Loading what="the archive" />}
      {root.status === 'error' && <ErrorNotice error={root.error} />}
      {root.status === 'ready' && <RootColumns entries={arrangeEntries(root.data, { q: search.q })} />}
    </section>
  );
}

function RootColumns({ entries }: { entries: ListingEntry[] }) {
  const { projects, dandisets } = splitRoot(entries);
  return (
    <div className="columns">
      <RootTable title="Projects (bucket)" entries={projects} empty="No project matches." />
      <RootTable title="Dandisets" entries={dandisets} empty="No dandiset matches." />
    </div>
  );
}

function RootTable({ title, entries, empty }: { title: string; entries: ListingEntry[]; empty: string }) {
  return (
    <section className="card" aria-label={title}>
      <h2>
        {title} <span className="muted">({entries.length})</span>
      </h2>
      {entries.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Size</th>
              <th scope="col">Files</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.uri}>
                <td>
                  <EntryLink entry={entry} />
                  {entry.title !== undefined && <div className="title">{entry.title}</div>}
                </td>
                <td>{formatBytes(entry.size)}</td>
                <td>{formatCount(entry.fileCount)}</td>
                <td>{entry.status ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
