// What every route taking an identifier does first: check the identifier against the allow-list, read the caller's
// `Authorization: token <key>`, pick the Explorer for that caller, and say how the answer may be cached.
import { InvalidInputError, stringifyJson, type ArchiveTarget } from '@ember-archive/core';
import type { RouteConfig, RouteConfigToTypedResponse } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { allowedTarget } from './allow-list.js';
import type { AnswerCache, EncodedAnswer } from './answer-cache.js';
import type { ExplorerPool, RequestExplorer } from './explorers.js';
import { sha1Hex } from './sha1.js';
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
  /** Anonymous answers that cost an upstream request, kept while their Cache-Control says they hold. */
  answers: AnswerCache;
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
 * Seconds an answer about `target` stays true. Published versions and assets named by id never change (DANDI makes
 * a new asset for new bytes), nor do blobs; drafts, "latest" (no version), listings and bucket projects may.
 */
export function freshSeconds(target: ArchiveTarget, draftMaxAge: number): number {
  const immutable =
    (target.kind === 'dandiset' && target.version !== undefined && target.version !== 'draft') ||
    (target.kind === 'asset' && target.version !== 'draft') ||
    (target.kind === 'bucket' && /^(blobs|zarr)\//.test(target.key));
  return immutable ? IMMUTABLE_SECONDS : draftMaxAge;
}

const IMMUTABLE_SECONDS = 31_536_000;

/** How long an answer about `target` may be cached; anything read with a caller's key is private and not stored. */
export function cacheControl(target: ArchiveTarget, authorized: boolean, draftMaxAge: number): string {
  if (authorized) return 'private, no-store';
  const seconds = freshSeconds(target, draftMaxAge);
  return seconds === IMMUTABLE_SECONDS ? `public, max-age=${seconds}, immutable` : `public, max-age=${seconds}`;
}

/**
 * The answer under `key` from the app's answer cache, else `load()`'s, kept as long as `access`'s Cache-Control
 * says. A caller with a key always gets `load()`'s answer and it is never kept: it may be embargoed, and the key is
 * no part of `key`.
 */
export function cachedAnswer(
  deps: RouteDeps,
  access: TargetAccess,
  key: string,
  load: () => Promise<EncodedAnswer>,
): Promise<EncodedAnswer> {
  if (access.authorized) return load();
  return deps.answers.answer(key, freshSeconds(access.target, deps.context.settings.draftMaxAge), load);
}

/**
 * `value` in core's JSON encoding (NaN and infinities as strings, -0 kept, bigint exact), encoded once, with a strong
 * entity tag of those bytes; `weakTagOf` instead makes a weak tag of another value (what the bytes mean, when two
 * encodings of one answer may differ).
 */
export async function encodeAnswer(value: unknown, weakTagOf?: unknown): Promise<EncodedAnswer> {
  const body = new TextEncoder().encode(stringifyJson(value));
  if (weakTagOf === undefined) return { body, etag: `"${await sha1Hex(body)}"` };
  return { body, etag: `W/"${await sha1Hex(new TextEncoder().encode(stringifyJson(weakTagOf)))}"` };
}

/** The 200 answer of a route, as Hono's `hc` client types it. */
export type OkResponse<R extends RouteConfig> = Extract<RouteConfigToTypedResponse<R>, { _status: 200 }>;

/**
 * An encoded answer as the 200 JSON answer of `route`, with its ETag set (the etag middleware then answers
 * If-None-Match without hashing the body again): typed for the `hc` client as `c.json` would be, which cannot write
 * core's JSON encoding.
 */
export function answerResponse<R extends RouteConfig>(c: Context, _route: R, answer: EncodedAnswer): OkResponse<R> {
  return sendAnswer(c, answer, 'application/json') as unknown as OkResponse<R>;
}

/** `body` as the 200 answer of `route` in `contentType`, with a strong entity tag of its bytes. */
export async function taggedBody<R extends RouteConfig>(
  c: Context,
  _route: R,
  body: Uint8Array<ArrayBuffer>,
  contentType: string,
): Promise<OkResponse<R>> {
  const answer = { body, etag: `"${await sha1Hex(body)}"` };
  return sendAnswer(c, answer, contentType) as unknown as OkResponse<R>;
}

/** `value` as the 200 JSON answer of `route` in core's JSON encoding, encoded once and tagged (encodeAnswer). */
export async function jsonBody<R extends RouteConfig>(c: Context, _route: R, value: unknown): Promise<OkResponse<R>> {
  // Cast here rather than `return answerResponse(c, route, ...)`: tsc spent ~290 s of a 291 s check inferring that
  // call's OkResponse<R> against this function's.
  return sendAnswer(c, await encodeAnswer(value), 'application/json') as unknown as OkResponse<R>;
}

function sendAnswer(c: Context, answer: EncodedAnswer, contentType: string): Response {
  // A view of the kept bytes, not a copy: the same answer may be sent to many callers at once.
  return c.body(answer.body, 200, { 'Content-Type': contentType, ETag: answer.etag });
}
