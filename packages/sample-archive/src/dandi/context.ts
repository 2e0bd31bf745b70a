// What every route of the emulator shares: the catalog index, the live URLs, and who is asking.
import type { CatalogIndex } from './catalog-index.js';
import { authenticationFailed, notAuthenticated, permissionDenied } from './errors.js';
import type { ApiUrls } from './serialize.js';
import type { WorldDandiset } from '../world/model.js';

/** A user of the emulator, known by an API key. */
export interface EmulatedUser {
  key: string;
  /** GitHub-style login, for the `owner:` search operator. */
  login: string;
  /** The owner of every embargoed dandiset of the sample world (one user owns them all). */
  ownsEmbargoed: boolean;
}

/** Hono environment of the emulator's routes. */
export interface DandiEnv {
  Variables: {
    /** The user whose `Authorization: token <key>` came with the request; null for anonymous requests. */
    user: EmulatedUser | null;
  };
}

/** Shared, read-only state of one emulator instance. */
export interface DandiState {
  index: CatalogIndex;
  urls: () => ApiUrls;
  users: readonly EmulatedUser[];
  /** The presigned query for an object key (the S3 server checks it), if the archive presigns. */
  presign: ((key: string) => string) | undefined;
}

/**
 * DRF TokenAuthentication (keyword "Token", matched case-insensitively): no header or another scheme is an
 * anonymous request; `token` without a key, or with one no user holds, is a 401 for every endpoint.
 */
export function authenticate(header: string | undefined, users: readonly EmulatedUser[]): EmulatedUser | null {
  if (header === undefined) return null;
  const [scheme, key, ...rest] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'token') return null;
  if (key === undefined) throw authenticationFailed('Invalid token header. No credentials provided.');
  if (rest.length > 0) throw authenticationFailed('Invalid token header. Token string should not contain spaces.');
  const user = users.find((u) => u.key === key);
  if (!user) throw authenticationFailed('Invalid token.');
  return user;
}

/** True when `user` owns `dandiset` (only embargoed ones have owners in the sample world). */
export function owns(user: EmulatedUser | null, dandiset: WorldDandiset): boolean {
  return user !== null && user.ownsEmbargoed && dandiset.embargoStatus !== 'OPEN';
}

/**
 * Embargoed dandisets are readable by their owners only (dandiapi/api/permissions.py and
 * views/dandiset.py `require_dandiset_read_access`): anonymous callers get 401, other users 403.
 */
export function requireReadable(dandiset: WorldDandiset, user: EmulatedUser | null): void {
  if (dandiset.embargoStatus === 'OPEN') return;
  if (user === null) throw notAuthenticated();
  if (!owns(user, dandiset)) throw permissionDenied();
}
