// What every route taking an identifier does first: check the identifier against the allow-list, read the caller's
// `Authorization: token <key>`, pick the Explorer for that caller, and say how the answer may be cached.
import { InvalidInputError, stringifyJson, type ArchiveTarget } from '@ember-archive/core';
import type { RouteConfig, RouteConfigToTypedResponse } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { allowedTarget } from './allow-list.js';
import type { ExplorerPool, RequestExplorer } from './explorers.js';
import type { ApiContext } from './settings.js';

/** What a route needs to answer for one identifier. */
export interface TargetAccess extends RequestExplorer {
  target: ArchiveTarget;
  /** Canonical identifier, with its `#/path` fragment if it had one. */
  uri: string;
  /** The file's identifier without the fragment: what files are opened (and pooled) by. */
  fileUri: string;
  /** The `#/path` of the identifier, a default for routes taking a path. */
  fragment: string | undefined;
  /** True when the caller sent a key: the answer is private. */
  authorized: boolean;
}

/** Dependencies shared by the routes of one app. */
export interface RouteDeps {
  context: ApiContext;
  pool: ExplorerPool;
}

/** The key of `Authorization: token <key>` (DANDI's scheme), undefined without the header. */
export function callerKey(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^token\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new InvalidInputError('The Authorization header must be "token <DANDI API key>".');
  return match[1];
}

/** Check `id`, pick the Explorer, set Cache-Control; throws OutsideAllowListError / InvalidInputError. */
export function accessTarget(c: Context, deps: RouteDeps, id: string): TargetAccess {
  const { target, uri } = allowedTarget(id, deps.context);
  const key = callerKey(c.req.header('authorization'));
  const fragment = 'fragment' in target && target.fragment ? target.fragment : undefined;
  const fileUri = fragment === undefined ? uri : uri.slice(0, uri.length - fragment.length - 1);
  c.header('Cache-Control', cacheControl(target, key !== undefined, deps.context.settings.draftMaxAge));
  if (key !== undefined) c.header('Vary', 'Authorization', { append: true });
  return { ...deps.pool.forRequest(target, key), target, uri, fileUri, fragment, authorized: key !== undefined };
}

/**
 * How long an answer about `target` stays true. Published versions and assets named by id never change (DANDI makes
 * a new asset for new bytes), nor do blobs; drafts, "latest" (no version), listings and bucket projects may.
 * Anything read with a caller's key is private and not stored.
 */
export function cacheControl(target: ArchiveTarget, authorized: boolean, draftMaxAge: number): string {
  if (authorized) return 'private, no-store';
  const immutable =
    (target.kind === 'dandiset' && target.version !== undefined && target.version !== 'draft') ||
    (target.kind === 'asset' && target.version !== 'draft') ||
    (target.kind === 'bucket' && /^(blobs|zarr)\//.test(target.key));
  return immutable ? 'public, max-age=31536000, immutable' : `public, max-age=${draftMaxAge}`;
}

/** The 200 answer of a route, as Hono's `hc` client types it. */
export type OkResponse<R extends RouteConfig> = Extract<RouteConfigToTypedResponse<R>, { _status: 200 }>;

/**
 * `value` as the 200 JSON answer of `route`, in core's JSON encoding (NaN and infinities as strings, -0 kept, bigint
 * exact): typed for the `hc` client as `c.json` would be, which cannot write that encoding.
 */
export function jsonBody<R extends RouteConfig>(c: Context, _route: R, value: unknown): OkResponse<R> {
  return c.body(stringifyJson(value), 200, { 'Content-Type': 'application/json' }) as unknown as OkResponse<R>;
}
