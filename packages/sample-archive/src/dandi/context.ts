// What every route of the emulator shares: the catalog index, the live URLs, and who is asking.
import type { CatalogIndex } from './catalog-index.js';
import { ApiError, notAuthenticated } from './errors.js';
import type { ApiUrls } from './serialize.js';
import type { WorldDandiset } from '../world/model.js';

/** Hono environment of the emulator's routes. */
export interface DandiEnv {
  Variables: {
    /** True when the request carried `Authorization: token <the configured key>`. */
    authenticated: boolean;
  };
}

/** Shared, read-only state of one emulator instance. */
export interface DandiState {
  index: CatalogIndex;
  urls: () => ApiUrls;
  /** Where an asset's download view redirects: the blob's S3 URL, presigned when the blob is embargoed. */
  downloadUrl: (blobKey: string) => string;
}

/**
 * DRF TokenAuthentication (keyword "Token", matched case-insensitively): no header or another scheme is an
 * anonymous request; `token <wrong key>` is a 401 "Invalid token.".
 */
export function authenticate(header: string | undefined, apiKey: string): boolean {
  if (header === undefined) return false;
  const [scheme, key, ...rest] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'token') return false;
  if (key === undefined || rest.length > 0) throw new ApiError(401, { detail: 'Invalid token header. No credentials provided.' });
  if (key !== apiKey) throw new ApiError(401, { detail: 'Invalid token.' });
  return true;
}

/**
 * Embargoed dandisets are readable by their owners only (dandiapi/api/views/version.py get_queryset,
 * asset.py get_readable_asset_or_404). The sample archive's one API key owns every embargoed dandiset.
 */
export function requireReadable(dandiset: WorldDandiset, authenticated: boolean): void {
  if (dandiset.embargoStatus !== 'OPEN' && !authenticated) throw notAuthenticated();
}
