// File: what the archive says about one file, its NWB summary, h5web's inspector, and the way to the Pose view.
import { Link } from '@tanstack/react-router';
import { useApi } from '../api/context.js';
import { ApiHttpError } from '../api/errors.js';
import { useResource } from '../api/use-resource.js';
import { AssetCard } from '../components/AssetCard.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { LazyH5webInspector } from '../components/LazyH5webInspector.js';
import { hasPoseEstimation, NwbSummaryCard } from '../components/NwbSummaryCard.js';
import { Empty, ErrorNotice, Loading } from '../components/Status.js';
import type { FileSearch } from './search.js';

// JABS pose files carry their version in the name (JABS docs: <video>_pose_est_v<N>.h5); DeepLabCut's end in .h5
// with "DLC" in the name.
const POSE_NAME = /_pose_est_v\d+\.h5$|DLC.*\.h5$/i;

/** The File view; `onSearch` switches tabs in the URL. */
export function FileView({ search, onSearch }: { search: FileSearch; onSearch: (search: FileSearch) => void }) {
  if (search.id === '') return <Empty>No file is named in the address: open one from a listing.</Empty>;
  const tab = search.tab ?? 'summary';
  return (
    <section aria-labelledby="file-title">
      <Breadcrumbs id={search.id} />
      <h1 id="file-title">{search.id.split('/').pop()}</h1>
      <div role="tablist" aria-label="File views" className="tabs">
        {(['summary', 'inspect'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            onClick={() => onSearch({ ...search, tab: name })}
          >
            {name === 'summary' ? 'Summary' : 'HDF5 inspector'}
          </button>
        ))}
        <Link to="/pose" search={{ id: search.id }} className="button">
          Pose view
        </Link>
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'summary' ? (
          <FileSummary id={search.id} />
        ) : (
          <LazyH5webInspector id={search.id} {...(search.path === undefined ? {} : { path: search.path })} />
        )}
      </div>
    </section>
  );
}

/** 422 is the API's answer for a readable file that is not NWB (or not HDF5): expected, not an alarm. */
function isNotNwb(error: Error): boolean {
  return error instanceof ApiHttpError && error.status === 422;
}

function FileSummary({ id }: { id: string }) {
  const api = useApi();
  const info = useResource(`info ${id}`, (signal) => api.info(id, signal));
  const nwb = useResource(`nwb ${id}`, (signal) => api.nwb(id, signal));
  const poseLikely = (nwb.status === 'ready' && hasPoseEstimation(nwb.data)) || POSE_NAME.test(id);
  return (
    <div className="columns">
      <div>
        {poseLikely && (
          <p className="callout">
            This file holds pose estimates.{' '}
            <Link to="/pose" search={{ id }}>
              Open the Pose view
            </Link>
          </p>
        )}
        {info.status === 'loading' && <Loading what="file details" />}
        {info.status === 'error' && <ErrorNotice error={info.error} />}
        {info.status === 'ready' && <AssetCard info={info.data} />}
      </div>
      <div>
        {nwb.status === 'loading' && <Loading what="the NWB summary" />}
        {nwb.status === 'error' &&
          (isNotNwb(nwb.error) ? (
            <Empty>{`No NWB summary: ${nwb.error.message}`}</Empty>
          ) : (
            <ErrorNotice error={nwb.error} />
          ))}
        {nwb.status === 'ready' && <NwbSummaryCard summary={nwb.data} />}
      </div>
    </div>
  );
}
