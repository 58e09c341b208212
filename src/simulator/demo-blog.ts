/**
 * The demo account's blog: the hand-planned posts (with HTML bodies holding
 * paragraphs, links, images and YouTube/Bandcamp iframes), then procedural
 * posts for scale > 1.
 */
import {
  AUTHORS,
  BANDCAMP_ALBUM_IDS,
  FILLER,
  POSTS,
  RELEASES,
  VENUES,
  YOUTUBE_IDS,
  type PostKind,
  type PostPlan,
} from './demo-content.js';
import { imageForId } from './media-manifest.js';
import type { Random } from './random.js';
import { idSequence, laterTime, parseUtc, randomHistoryTime, wireDate } from './record-parts.js';
import { shortUrl } from './short-url.js';
import type { BlogRecord, PhotoRecord } from './types.js';

const DAY = 86_400_000;
/** When the pre-2016 posts were imported from the old blog. */
const IMPORT_TIME = Date.UTC(2016, 1, 10, 14, 0, 0);
export const BASE_POST_COUNT = POSTS.length;

interface BlogOptions {
  random: Random;
  postCount: number;
  /** Photos whose large images the bodies show. */
  photos: readonly PhotoRecord[];
}

export function generateBlog(o: BlogOptions): BlogRecord[] {
  const { random } = o;
  const nextId = idSequence(random, 6100);
  const posts: BlogRecord[] = [];
  for (const plan of POSTS) {
    if (posts.length >= o.postCount) break;
    posts.push(newPost(random, nextId(), plan, o.photos));
  }
  const kinds: PostKind[] = ['news', 'studio', 'thanks', 'tour', 'merch'];
  const prefixes = ['Road report', 'Studio notes', 'Setlist', 'Listening notes', 'From the van', 'Rehearsal diary'];
  for (let n = 1; posts.length < o.postCount; n++) {
    const venue = random.int(0, VENUES.length - 1);
    const plan: PostPlan = {
      date: wireDate(randomHistoryTime(random)),
      title: `${random.pick(prefixes)}: ${VENUES[venue]?.address?.city ?? 'on the road'} #${n}`,
      kind: random.pick(kinds),
      venue,
      draft: random.chance(0.02),
      exclusive: random.chance(0.1),
      private: random.chance(0.03),
      author: random.int(0, AUTHORS.length - 1),
    };
    posts.push(newPost(random, nextId(), plan, o.photos));
  }
  return posts;
}

function newPost(random: Random, id: number, plan: PostPlan, photos: readonly PhotoRecord[]): BlogRecord {
  const dateMs = parseUtc(plan.date);
  // Posts are created seconds after their publish time (as in the docs' example),
  // except the 2015 ones, imported from the band's old blog in February 2016 —
  // so `created` and `published` orders really differ.
  const createdMs = plan.draft
    ? dateMs
    : dateMs < IMPORT_TIME
      ? IMPORT_TIME + random.int(0, 600) * 1000
      : dateMs + random.int(0, 120) * 1000;
  const published = plan.draft ? (plan.scheduled ? wireDate(dateMs + 2 * DAY) : null) : wireDate(dateMs);
  const sticky = Boolean(plan.sticky);
  const exclusive = Boolean(plan.exclusive);
  const author = plan.author === null ? null : AUTHORS[plan.author ?? 0];
  const post: BlogRecord = {
    id,
    title: plan.title,
    body: plan.empty ? '' : postBody(random, plan, photos),
    status: plan.draft ? 0 : 1,
    short_url: shortUrl('b', id),
    published,
    created: wireDate(createdMs),
    modified: wireDate(laterTime(random, createdMs, 0, random.chance(0.25) ? 200 : 1)),
    // A documented quirk: booleans sometimes arrive as 1/0.
    sticky: id % 4 === 0 ? (sticky ? 1 : 0) : sticky,
    exclusive: id % 4 === 0 ? (exclusive ? 1 : 0) : exclusive,
    author: author ? { id: author.id, name: author.name } : null,
  };
  // `private` is not in the docs' blog example: absent means public. Private ones say so.
  if (plan.private) post.private = true;
  else if (id % 3 === 0) post.private = false;
  return post;
}

function postBody(random: Random, plan: PostPlan, photos: readonly PhotoRecord[]): string {
  const filler = () => `<p>${random.pick(FILLER)}</p>`;
  const release = plan.release === undefined ? undefined : RELEASES[plan.release];
  const venue = plan.venue === undefined ? undefined : VENUES[plan.venue];
  const place = venue ? `${venue.name}${venue.address ? `, ${venue.address.city}` : ''}` : 'somewhere new';
  switch (plan.kind) {
    case 'release':
      return (
        `<p><strong>${escapeHtml(release?.title ?? 'New music')}</strong> is here. ${random.pick(['We are so proud of this one.', 'Thank you for waiting.', 'Turn it up.'])}</p>` +
        filler() +
        `<iframe style="border: 0; width: 350px; height: 470px;" src="https://bandcamp.com/EmbeddedPlayer/album=${random.pick(BANDCAMP_ALBUM_IDS)}/size=large/bgcol=ffffff/linkcol=0687f5/tracklist=false/transparent=true/" seamless><a href="https://juniperstatic.example/music">${escapeHtml(release?.title ?? 'Music')} by Juniper Static</a></iframe>` +
        (release ? `<ol>${release.tracks.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ol>` : '')
      );
    case 'tour':
      return (
        `<p>We\u2019re playing <strong>${escapeHtml(place)}</strong>. ${random.pick(['Doors at 8.', 'All ages.', 'Bring earplugs.'])}</p>` +
        `<ul>${[1, 2, 3].map((n) => `<li>Night ${n} &mdash; ${escapeHtml(VENUES[(plan.venue ?? 0) + n - 1]?.name ?? place)}</li>`).join('')}</ul>` +
        `<p><a href="https://juniperstatic.example/tour">Tickets and details</a></p>`
      );
    case 'studio':
    case 'thanks':
      return filler() + figure(random, photos, plan.title) + filler();
    case 'video':
      return (
        `<p>${random.pick(['New video!', 'We made a video.', 'Press play.'])} Directed by our friend Ada Brennan.</p>` +
        `<iframe width="560" height="315" src="https://www.youtube.com/embed/${random.pick(YOUTUBE_IDS)}" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture" allowfullscreen></iframe>` +
        filler()
      );
    case 'merch':
      return (
        filler() +
        figure(random, photos, 'Merch') +
        `<p><a href="https://juniperstatic.example/shop" target="_blank">Visit the shop</a></p>`
      );
    case 'widget':
      // Pasted third-party widget code: scripts and inline handlers a site must strip.
      return (
        `<p>Trying out a tour map widget:</p><div id="tourmap" data-artist="juniper-static"></div>` +
        `<script src="https://widgets.example/tourmap.js" async></script>` +
        `<p onclick="alert('dates')">Click for dates</p><p><img src="javascript:alert(1)" alt="broken"></p>`
      );
    default:
      return `${filler() + filler()}<p>&mdash; ${random.pick(['Nora', 'Eli', 'Mateo', 'Hanna'])}</p>`;
  }
}

function figure(random: Random, photos: readonly PhotoRecord[], caption: string): string {
  if (photos.length === 0) return '';
  const photo = random.pick(photos);
  const large = photo.images.find((image) => image.size === 'large');
  if (!large) return '';
  const { width, height } = imageForId(photo.id).sizes.large;
  return `<figure><img src="${large.embed_url}" alt="${escapeHtml(photo.title ?? caption)}" width="${width}" height="${height}"><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
