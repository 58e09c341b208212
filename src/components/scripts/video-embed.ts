/**
 * Click-to-load video players: nothing is requested from YouTube or Vimeo until a visitor
 * asks for the video. The page ships a link to the video's own page with the poster in it
 * (which works without JavaScript); this turns each link into a button that, on click,
 * puts the service's player (the entry's allowlisted https `embedUrl`) in its place.
 */
const ALLOW = 'accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; fullscreen';

export function enableClickToPlay(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-video-poster][data-embed-url]')) {
    const src = playerUrl(link.dataset.embedUrl, link.dataset.autoplay === 'true');
    if (!src) continue;
    const button = document.createElement('button');
    button.type = 'button';
    // Same attributes (class, the component's scoped-style marker, data-*) so it looks the same: no layout shift.
    for (const { name, value } of [...link.attributes])
      if (!['href', 'rel', 'target', 'data-embed-url'].includes(name)) button.setAttribute(name, value);
    button.append(...link.childNodes);
    const action = button.querySelector('[data-video-action]');
    if (action && link.dataset.playText) action.textContent = link.dataset.playText;
    if (link.dataset.playLabel) button.setAttribute('aria-label', link.dataset.playLabel);
    button.addEventListener('click', () => play(button, src, link.dataset.title ?? ''), { once: true });
    link.replaceWith(button);
  }
}

/** The embed URL with autoplay asked for (the click was the visitor's "play"); undefined unless https. */
function playerUrl(embedUrl: string | undefined, autoplay: boolean): string | undefined {
  try {
    const url = new URL(embedUrl ?? '');
    if (url.protocol !== 'https:') return undefined;
    if (autoplay) url.searchParams.set('autoplay', '1');
    return url.href;
  } catch {
    return undefined;
  }
}

function play(button: HTMLButtonElement, src: string, title: string): void {
  const iframe = document.createElement('iframe');
  iframe.className = 'sb-video-player';
  iframe.src = src;
  iframe.title = title;
  iframe.allow = ALLOW;
  iframe.allowFullscreen = true;
  iframe.referrerPolicy = 'strict-origin-when-cross-origin';
  button.replaceWith(iframe);
  iframe.focus();
}
