// The asset download view (dandiapi/api/views/asset.py `_asset_download_response`), shared by /assets/{id}/download/ and the
// version-scoped route: always a 302 to a presigned S3 GET URL that asks S3 for
// `Content-Disposition: <attachment|inline>; filename="<basename>"` (`response-content-disposition`, plus
// `response-content-type` for inline), for open and embargoed blobs alike; 400 for Zarr assets and for a
// `content_disposition` other than attachment or inline.
import type { Context } from 'hono';
import type { WorldAsset } from '../../world/model.js';
import type { DandiEnv, DandiState } from '../context.js';
import { bareError, invalidParam } from '../errors.js';
import { s3Url } from '../serialize.js';

/** The message dandi-archive answers a Zarr asset's download with (asset.py). */
export const ZARR_DOWNLOAD_MESSAGE =
  'Unable to provide download link for zarr assets. Please browse the zarr files directly to do so.';

/** The download view's answer for `asset`. */
export function downloadResponse(c: Context<DandiEnv>, state: DandiState, asset: WorldAsset): Response {
  // `_asset_download_response` refuses a Zarr before it validates the query.
  if (asset.blobKey === null) throw bareError(400, ZARR_DOWNLOAD_MESSAGE);
  const disposition = new URL(c.req.url).searchParams.get('content_disposition') ?? 'attachment';
  if (disposition !== 'attachment' && disposition !== 'inline') {
    throw invalidParam('content_disposition', `"${disposition}" is not a valid choice.`);
  }
  const basename = asset.path.slice(asset.path.lastIndexOf('/') + 1);
  const contentType = asset.encodingFormat || 'application/octet-stream';
  const url = s3Url(state.urls(), asset.blobKey);
  if (disposition === 'inline' && contentType.startsWith('video/')) {
    // The server answers inline videos with a page that plays them rather than with a redirect.
    return c.html(
      `<video autoplay muted controls><source src="${presigned(state, asset.blobKey, url, 'inline', basename, contentType)}"></video>`,
    );
  }
  return c.redirect(presigned(state, asset.blobKey, url, disposition, basename, contentType), 302);
}

function presigned(
  state: DandiState,
  key: string,
  url: string,
  disposition: string,
  basename: string,
  contentType: string,
): string {
  const query = new URLSearchParams(state.presign?.(key) ?? '');
  query.set('response-content-disposition', `${disposition}; filename="${basename}"`);
  if (disposition === 'inline') query.set('response-content-type', contentType);
  return `${url}?${query.toString()}`;
}
