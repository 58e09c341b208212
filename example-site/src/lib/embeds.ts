/**
 * Blog bodies may embed third-party players (<iframe>, from the loaders' allowlist of
 * hosts). Loading them with the page would fetch scripts and trackers from other origins
 * before anyone asked for them, so each one becomes a click-to-load placeholder: a plain
 * link to the player without JavaScript, the real <iframe> after a click with it.
 *
 * The input is the loaders' sanitized HTML (sanitize-html writes every attribute as
 * name="value"), so a small pattern match is enough and nothing new is trusted.
 */
const IFRAME = /<iframe\b([^>]*)>[\s\S]*?<\/iframe>/gi;
const ATTRIBUTE = /([a-zA-Z][\w-]*)="([^"]*)"/g;

const HOST_NAMES: Record<string, string> = {
  'www.youtube.com': 'YouTube',
  'www.youtube-nocookie.com': 'YouTube',
  'player.vimeo.com': 'Vimeo',
  'bandcamp.com': 'Bandcamp',
  'w.soundcloud.com': 'SoundCloud',
  'open.spotify.com': 'Spotify',
};

function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, value] of tag.matchAll(ATTRIBUTE)) attributes[name!.toLowerCase()] = value!;
  return attributes;
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

/** Decodes the entities sanitize-html writes in attribute values, for display as text. */
function decodeEntities(value: string): string {
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

function escapeText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function deferEmbeds(html: string): string {
  return html.replace(IFRAME, (_match, rawAttributes: string) => {
    const attributes = attributesOf(rawAttributes);
    const src = attributes.src;
    if (!src) return '';
    let host: string;
    try {
      host = new URL(decodeEntities(src)).hostname;
    } catch {
      return '';
    }
    const provider = HOST_NAMES[host] ?? host;
    const title = attributes.title ? decodeEntities(attributes.title) : `${provider} player`;
    const width = Number(attributes.width) || 560;
    const height = Number(attributes.height) || 315;
    return (
      `<figure class="embed" data-embed-src="${src}" data-embed-title="${escapeAttribute(title)}" style="--embed-ratio: ${width} / ${height}">` +
      `<a class="embed-link" href="${src}" rel="noopener">` +
      `<span class="embed-play" aria-hidden="true"></span>` +
      `<span class="embed-label">Load the ${escapeText(provider)} player</span>` +
      `</a>` +
      `<figcaption>Embedded from ${escapeText(host)}; nothing loads from there until you ask.</figcaption>` +
      `</figure>`
    );
  });
}
