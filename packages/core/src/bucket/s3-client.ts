// One way to make an S3 client for public data: unsigned requests (EMBER's bucket rejects none, and sending
// credentials would leak them), explicit endpoint and region, retries as configuration. The AWS SDK is loaded on
// first use, not when core is imported: it is 0.13 s of every CLI start, and most commands never list a bucket.
import type { S3Client } from '@aws-sdk/client-s3';
import { USER_AGENT } from '../version.js';

/** Where a bucket is served and how to address it. */
export interface S3Location {
  /** e.g. https://s3.us-east-1.amazonaws.com, or the sample archive's http://127.0.0.1:PORT */
  endpoint: string;
  region: string;
  /** Path-style URLs (endpoint/bucket/key): needed for local servers and bucket names with dots. */
  forcePathStyle: boolean;
  /** Attempts per request, including the first. */
  maxAttempts?: number;
  /** Per-request timeout in milliseconds (connection and answer); the SDK's defaults otherwise. */
  timeoutMs?: number;
}

let sdk: Promise<typeof import('@aws-sdk/client-s3')> | undefined;

/** The AWS SDK's S3 module, imported once, when something first needs it. */
export function loadS3Sdk(): Promise<typeof import('@aws-sdk/client-s3')> {
  sdk ??= import('@aws-sdk/client-s3');
  return sdk;
}

/** An S3 client that signs nothing, so it works on public buckets without any credentials configured. */
export async function createUnsignedS3Client(location: S3Location): Promise<S3Client> {
  const { S3Client } = await loadS3Sdk();
  return new S3Client({
    endpoint: location.endpoint,
    region: location.region,
    forcePathStyle: location.forcePathStyle,
    maxAttempts: location.maxAttempts ?? 4,
    customUserAgent: USER_AGENT,
    // Handler options as a plain object: the SDK builds its Node or fetch handler with them.
    ...(location.timeoutMs === undefined
      ? {}
      : {
          requestHandler: {
            requestTimeout: location.timeoutMs,
            connectionTimeout: location.timeoutMs,
            throwOnRequestTimeout: true,
          },
        }),
    // An empty credentials object with a no-op signer makes every request anonymous.
    credentials: { accessKeyId: '', secretAccessKey: '' },
    signer: { sign: async (request) => request },
  });
}
