// The explorer shapes the API sends, from core's explorer contract (core/src/explorer/explorer.ts). Types only:
// `import type` is erased, so none of core's runtime (h5wasm, the AWS SDK, Node modules) reaches the bundle.
export type {
  DatasetSummary,
  KeypointSummary,
  ListingEntry,
  ListingPage,
  NwbSummaryView,
  PoseRequest,
  PoseSeries,
  PoseView,
  SummaryField,
  SummaryObject,
} from '@ember-archive/core';
