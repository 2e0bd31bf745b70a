// What an API deployment is configured with beyond core's archive Config: the limits that keep one request from
// costing the server (or the archive) more than a person looking at data needs, CORS, and which hosts it may reach.
import { POSE_FRAME_LIMIT, type Config } from '@ember-archive/core';

/** Per-request limits. */
export interface ApiLimits {
  /** Bytes of dataset values one /v1/values request may read. */
  selectionBytes: number;
  /** Bytes one h5grove /data request may answer (h5web fetches 1-D/2-D datasets whole). */
  h5groveDataBytes: number;
  /** Points per pose series at most (`points`). */
  points: number;
  /** Frames in one pose window at most (`end - start`); default core's POSE_FRAME_LIMIT. */
  frames: number;
  /** Milliseconds one request may take before it is answered 504. */
  requestMs: number;
  /** Entries per listing page at most (`limit`). */
  listEntries: number;
}

/** Everything createApp needs to know besides the archive. */
export interface ApiSettings {
  limits: ApiLimits;
  /** Origins allowed by CORS: "*" for any, or a list; an empty list sends no CORS headers. */
  corsOrigins: '*' | string[];
  /**
   * More hosts (host or host:port) the server may fetch from, private or not: e.g. the bucket DANDI presigns embargoed
   * downloads on, or a local DANDI. The configured S3 endpoint and the default instance's API are always allowed (the
   * operator chose them), like every known public DANDI instance.
   */
  extraHosts: string[];
  /** Buckets `s3://` identifiers may name on the configured endpoint (the configured bucket is always one). */
  buckets: string[];
  /** Seconds a draft (or any changing listing) may be cached. */
  draftMaxAge: number;
}

/** Limits suited to a public server: a viewer's screenful of data per request, answered within half a minute. */
export const DEFAULT_LIMITS: ApiLimits = {
  selectionBytes: 16 * 1024 * 1024,
  h5groveDataBytes: 64 * 1024 * 1024,
  points: 20_000,
  frames: POSE_FRAME_LIMIT,
  requestMs: 30_000,
  listEntries: 1_000,
};

/** Settings with defaults for what the caller left out. */
export function apiSettings(
  overrides: Partial<Omit<ApiSettings, 'limits'>> & { limits?: Partial<ApiLimits> } = {},
): ApiSettings {
  return {
    limits: { ...DEFAULT_LIMITS, ...overrides.limits },
    corsOrigins: overrides.corsOrigins ?? '*',
    extraHosts: overrides.extraHosts ?? [],
    buckets: overrides.buckets ?? [],
    draftMaxAge: overrides.draftMaxAge ?? 60,
  };
}

/** The archive configuration and API settings together, as handlers see them. */
export interface ApiContext {
  config: Config;
  settings: ApiSettings;
}
