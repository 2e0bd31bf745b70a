// Public API of the sample archive: start it, or use its parts.
export { ObjectStore, SAMPLE_EPOCH, compareKeys, type SampleObject, type ObjectOptions } from './store.js';
export {
  startSampleArchive,
  serveWorld,
  DEFAULT_SAMPLE_API_KEY,
  type StartSampleArchiveOptions,
  type ServeWorldOptions,
  type RunningSampleArchive,
  type SampleTlsOptions,
} from './start.js';
export { createS3Server, type S3Server, type S3ServerOptions, type ListeningS3Server } from './s3/server.js';
export {
  createCertificateAuthority,
  issueServerCertificate,
  LOOPBACK_NAMES,
  type CertificateAndKey,
} from './s3/tls-certificates.js';
export { parseRate } from './s3/rate-limit.js';
export { createDandiApi, SAMPLE_NON_OWNER_KEY, type DandiApiOptions, type ApiUrls } from './dandi/app.js';
export { buildWorld, DEFAULT_SEED, LARGE_ASSET_PATH, type BuildWorldOptions } from './world/build.js';
export { addDraftAsset, addFileAsset, type DraftAssetSpec } from './world/draft-asset.js';
export type { BlobDigests } from './world/digests.js';
export {
  SAMPLE_BUCKET,
  type World,
  type WorldCatalog,
  type WorldDandiset,
  type WorldVersion,
  type WorldAsset,
  type WorldZarr,
} from './world/model.js';
export type { WorldGenerators } from './world/plan.js';
export { SLEAP_DANDISET, sampleSleapFiles, type SampleSleapFile } from './world/sleap-tracking.js';
export * from './generate/index.js';
export {
  corpusDir,
  corpusExpected,
  corpusFileEntries,
  type CorpusExpectedNode,
  type CorpusFileEntry,
} from './corpus.js';
