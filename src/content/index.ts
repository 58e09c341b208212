/**
 * The content-mapping layer's public entry point, for what stands beside the pipeline (the
 * CLI): the visibility policy, and which media files an account's items and HTML use.
 */
export { DEFAULT_VISIBILITY, visibilityOf, type VisibilityFacts, type VisibilityPolicy } from './visibility.js';
export { mediaUrlsOf } from './entries.js';
export { accountHtmlMedia } from './media/html-media.js';
