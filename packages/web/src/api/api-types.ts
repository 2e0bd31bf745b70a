// The API's answers as its routes declare them (packages/api src/schemas.ts), read through Hono's client types from
// `AppType`: a route or field the API renames breaks this package's typecheck, not a user's page. Types only.
import type { AppType } from '@ember-archive/api';
import type { hc, InferResponseType } from 'hono/client';

/** The typed client of the API. */
export type ApiClient = ReturnType<typeof hc<AppType>>;
/** GET /v1/list. */
export type ApiListingPage = InferResponseType<ApiClient['v1']['list']['$get'], 200>;
/** GET /v1/info. */
export type ApiFileInfo = InferResponseType<ApiClient['v1']['info']['$get'], 200>;
/** GET /v1/nwb. */
export type ApiNwbSummary = InferResponseType<ApiClient['v1']['nwb']['$get'], 200>;
