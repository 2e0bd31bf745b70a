// The explorer shapes the API sends, from core's explorer contract (types only: core's runtime is not bundled).
// TEMPORARY: core's index does not export the explorer types yet; switch to '@ember-archive/core' once it does.
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
} from '../../../core/src/explorer/explorer.js';
