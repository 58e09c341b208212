/**
 * The sync layer's public entry point, for what stands beside the pipeline (the CLI): the
 * content of an account as a sync fetches it, snapshots of it, and media files read
 * from the media CDN.
 */
export { COLLECTION_NAMES, type AccountContent, type CollectionName } from './account-data.js';
export { apiSource, snapshotSource, type ContentSource, type FetchHooks } from './sources.js';
export { SNAPSHOT_FORMAT, readSnapshotDir, writeSnapshotDir } from './snapshot-format.js';
export { dimensionsFromBytes, type Dimensions } from './media/image-size.js';
