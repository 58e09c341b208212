/**
 * The demo account's videos: what StageBloc stored after asking oEmbed about a YouTube or
 * Vimeo link (its `html` as `embed_code`), including the docs' own older shape (an http
 * YouTube player URL), and one private video. Dated from the reference time, not the clock.
 */
import { YOUTUBE_IDS } from './demo-content.js';
import { DEMO_REFERENCE_TIME } from './dates.js';
import type { Random } from './random.js';
import { idSequence, imageSet, wireDate } from './record-parts.js';
import { shortUrl } from './short-url.js';
import type { VideoRecord } from './types.js';

const DAY = 86_400_000;
/** Made-up Vimeo ids: the embeds are there to exercise the player iframe. */
const VIMEO_IDS = [76979871, 148751763] as const;

interface VideoPlan {
  title: string;
  description: string | null;
  service: 'youtube' | 'youtube-http' | 'vimeo';
  /** Index into the service's ids. */
  clip: number;
  daysAgo: number;
  private?: boolean;
}

const VIDEOS: VideoPlan[] = [
  {
    title: 'Ore Boats (official video)',
    description: 'Shot on Canal Park at four in the morning.',
    service: 'youtube-http',
    clip: 0,
    daysAgo: 3300,
  },
  {
    title: 'Paper Satellites: the kite video',
    description: '<p>Behind the scenes is <a href="https://juniperstatic.example/blog">on the blog</a>.</p>',
    service: 'vimeo',
    clip: 0,
    daysAgo: 2840,
  },
  { title: 'Aurora Line', description: null, service: 'youtube', clip: 1, daysAgo: 2330 },
  {
    title: 'Live at the Red Lantern (full set)',
    description: 'The whole livestream, candles and all.',
    service: 'vimeo',
    clip: 1,
    daysAgo: 1650,
  },
  { title: 'Whiteout', description: 'From Lake Effect.', service: 'youtube', clip: 0, daysAgo: 325 },
  {
    title: 'Rough cut: tour film',
    description: 'Not for release yet.',
    service: 'youtube',
    clip: 1,
    daysAgo: 40,
    private: true,
  },
];

export const BASE_VIDEO_COUNT = VIDEOS.length;

/** oEmbed's `html` for each service, as StageBloc stored it. */
function embed(plan: VideoPlan): { rawUrl: string; embedCode: string } {
  if (plan.service === 'vimeo') {
    const id = VIMEO_IDS[plan.clip % VIMEO_IDS.length]!;
    return {
      rawUrl: `https://vimeo.com/${id}`,
      embedCode: `<iframe src="https://player.vimeo.com/video/${id}?dnt=1&amp;app_id=122963" width="640" height="360" frameborder="0" allow="autoplay; fullscreen; picture-in-picture" title="${plan.title.replaceAll('"', '&quot;')}"></iframe>`,
    };
  }
  const id = YOUTUBE_IDS[plan.clip % YOUTUBE_IDS.length]!;
  // The docs' example is the older http player with oEmbed's query; today's oEmbed is https.
  if (plan.service === 'youtube-http') {
    return {
      rawUrl: `http://www.youtube.com/watch?v=${id}`,
      embedCode: `<iframe width="460" height="259" src="http://www.youtube.com/embed/${id}?fs=1&feature=oembed&wmode=transparent" frameborder="0" allowfullscreen></iframe>`,
    };
  }
  return {
    rawUrl: `https://www.youtube.com/watch?v=${id}`,
    embedCode: `<iframe width="560" height="315" src="https://www.youtube.com/embed/${id}?feature=oembed" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen title="${plan.title.replaceAll('"', '&quot;')}"></iframe>`,
  };
}

export interface VideoOptions {
  random: Random;
  mediaBaseUrl: string;
  count: number;
}

export function generateVideos(o: VideoOptions): VideoRecord[] {
  const nextId = idSequence(o.random, 660);
  const nextImageId = idSequence(o.random, 9400);
  const videos: VideoRecord[] = [];
  for (let n = 0; videos.length < o.count; n++) {
    const planned = VIDEOS[n];
    // Procedural extras for benchmarks: more of the same, further back.
    const plan = planned ?? {
      ...VIDEOS[n % VIDEOS.length]!,
      title: `Tour clip #${n}`,
      daysAgo: 3400 + n,
      private: false,
    };
    const id = nextId();
    const createdMs = DEMO_REFERENCE_TIME - plan.daysAgo * DAY;
    const created = wireDate(createdMs);
    const { rawUrl, embedCode } = embed(plan);
    const video: VideoRecord = {
      id,
      title: plan.title,
      description: plan.description,
      url: `https://stagebloc.com/juniperstatic/videos/${id}`,
      short_url: shortUrl('v', id),
      raw_url: rawUrl,
      created,
      modified: wireDate(createdMs + o.random.int(0, 3) * DAY),
      embed_code: embedCode,
      images: imageSet(o.mediaBaseUrl, nextImageId(), created),
    };
    if (plan.private) video.private = true;
    videos.push(video);
  }
  return videos;
}
