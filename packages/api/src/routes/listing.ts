// GET /v1/list: one page of a folder (no id: the EMBER root, bucket projects beside dandisets). Pages are the
// explorer's; `limit` cuts them smaller, and the cursor then also carries the offset inside the explorer's page.
import { InvalidInputError } from '@ember-archive/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { EncodedAnswer } from '../answer-cache.js';
import {
  accessTarget,
  answerResponse,
  cachedAnswer,
  encodeAnswer,
  type RouteDeps,
  type TargetAccess,
} from '../request-access.js';
import { ListingPageSchema, PROBLEM_RESPONSES } from '../schemas.js';
import { LimitExceededError } from '../errors.js';
import type { ApiEnv } from '../app-env.js';

const route = createRoute({
  method: 'get',
  path: '/list',
  summary: 'One page of a folder listing',
  request: {
    query: z.object({
      id: z.string().max(2048).optional().openapi({ description: 'A folder identifier; absent: the archive root.' }),
      cursor: z.string().max(4096).optional().openapi({ description: 'The `next` of the previous page.' }),
      limit: z.coerce.number().int().min(1).optional().openapi({ description: 'Entries at most on this page.' }),
    }),
  },
  responses: {
    200: { description: 'A page of entries', content: { 'application/json': { schema: ListingPageSchema } } },
    ...PROBLEM_RESPONSES,
  },
});

interface ApiCursor {
  /** The explorer's cursor of the page being cut (absent: the first). */
  c?: string;
  /** Entries of that page already returned. */
  o: number;
}

/** The /v1/list sub-app. */
export function listingRoutes(deps: RouteDeps) {
  return new OpenAPIHono<ApiEnv>().openapi(route, async (c) => {
    const { id, cursor, limit } = c.req.valid('query');
    const max = deps.context.settings.limits.listEntries;
    if (limit !== undefined && limit > max) {
      throw new LimitExceededError(`limit is at most ${max} entries per page, not ${limit}.`, 'limit', max);
    }
    const access = accessTarget(c, deps, id ?? '');
    const size = limit ?? max;
    // The key names the page exactly (identifier, cursor, page size); the caller's key never is part of it because
    // authorised answers are not kept (cachedAnswer). A kept page carries the same `next` to every caller, so the
    // next page is a hit too.
    const key = `list\n${access.uri}\n${cursor ?? ''}\n${size}`;
    const answer = await cachedAnswer(deps, access, key, () => listingAnswer(access, cursor, size));
    return answerResponse(c, route, answer);
  });
}

async function listingAnswer(access: TargetAccess, cursor: string | undefined, size: number): Promise<EncodedAnswer> {
  const position = cursor === undefined ? { o: 0 } : decodeCursor(cursor);
  const page = await access.explorer.listPage(access.uri === '' ? undefined : access.uri, position.c);
  const entries = page.entries.slice(position.o, position.o + size);
  const rest = position.o + size < page.entries.length;
  const next = rest
    ? encodeCursor({ ...(position.c === undefined ? {} : { c: position.c }), o: position.o + size })
    : page.next === undefined
      ? undefined
      : encodeCursor({ c: page.next, o: 0 });
  // The explorer's cursors name its live session, so two reads of the same page differ in `next` only: the ETag is
  // that of the entries (weak: the bytes may differ), and a stale cursor still works (the explorer re-reads).
  return encodeAnswer({ entries, ...(next === undefined ? {} : { next }) }, { entries, more: next !== undefined });
}

function encodeCursor(cursor: ApiCursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify(cursor));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function decodeCursor(text: string): ApiCursor {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
    const parsed = JSON.parse(json) as Partial<ApiCursor>;
    if (
      Number.isInteger(parsed.o) &&
      (parsed.o ?? -1) >= 0 &&
      (parsed.c === undefined || typeof parsed.c === 'string')
    ) {
      return { ...(parsed.c === undefined ? {} : { c: parsed.c }), o: parsed.o as number };
    }
  } catch {
    // Reported below.
  }
  throw new InvalidInputError('The cursor is not one this API gave out; start from the first page.', text);
}
