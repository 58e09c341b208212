/**
 * Turns each PhotoGallery's plain photo links into a <dialog> lightbox. The
 * native modal dialog provides the focus trap, Esc and the inert page; this adds
 * the image swapping, arrow keys, the announced position and focus return.
 */
export function enhanceGalleries(): void {
  for (const gallery of document.querySelectorAll<HTMLElement>('[data-stagebloc-gallery]:not([data-enhanced])')) {
    enhance(gallery);
  }
}

function enhance(gallery: HTMLElement): void {
  gallery.dataset.enhanced = '';
  const dialog = gallery.querySelector<HTMLDialogElement>('[data-lightbox-dialog]');
  const links = [...gallery.querySelectorAll<HTMLAnchorElement>('a[data-lightbox]')];
  if (!dialog || typeof dialog.showModal !== 'function' || !links.length) return;
  const part = <T extends Element>(name: string) => dialog.querySelector<T>(`[data-lightbox-${name}]`)!;
  const img = part<HTMLImageElement>('img');
  const caption = part<HTMLElement>('caption');
  const position = part<HTMLElement>('position');
  let index = 0;
  let opener: HTMLElement | null = null;

  function show(i: number): void {
    index = (i + links.length) % links.length;
    const link = links[index]!;
    // Clear first so the previous photo never shows under the next one's caption.
    img.removeAttribute('srcset');
    img.src = link.href;
    if (link.dataset.srcset) {
      img.srcset = link.dataset.srcset;
      img.sizes = '96vw';
    }
    img.alt = link.dataset.alt ?? '';
    caption.textContent =
      link.closest('figure')?.querySelector('figcaption')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    position.textContent = `Photo ${index + 1} of ${links.length}`;
  }

  links.forEach((link, i) => {
    link.addEventListener('click', (event) => {
      // Modified clicks keep their meaning (new tab, download).
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      opener = link;
      show(i);
      dialog.showModal();
    });
  });

  part('prev').addEventListener('click', () => show(index - 1));
  part('next').addEventListener('click', () => show(index + 1));
  part('close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowLeft') show(index - 1);
    else if (event.key === 'ArrowRight') show(index + 1);
    else return;
    event.preventDefault();
  });
  // A click on the backdrop lands on the dialog element itself.
  dialog.addEventListener('click', (event) => event.target === dialog && dialog.close());
  dialog.addEventListener('close', () => {
    opener?.focus();
    opener = null;
  });
}
