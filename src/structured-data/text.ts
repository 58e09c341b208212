/**
 * Plain text from the loaders' (already sanitized) HTML, for JSON-LD and meta tags, which
 * want text, not markup. The implementation is shared with the loaders' excerpts.
 */
export { htmlToPlainText as htmlToText, truncateText } from '../text/plain-text.js';
