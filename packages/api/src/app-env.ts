// The Hono environment of the API's apps (no bindings or variables yet: dependencies are passed to each sub-app).
import type { Env } from 'hono';

/** Environment type shared by every sub-app, so they mount on one another with their types. */
export type ApiEnv = Env;
