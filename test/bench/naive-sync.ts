/**
 * The baseline of issue 7, item 1: what a user would hand-write against the docs. One
 * request at a time with plain fetch and JSON.parse, walking each list with limit/offset,
 * then one request per album for its photos; playlists come with their tracks
 * (include_tracks=1). The same endpoints and parameters our loaders use, so the request
 * counts match and the difference is how they are sent and what is done with the answer.
 */

type Item = Record<string, unknown>;

interface Envelope {
  response: { total: number | string; items: Array<{ item: Item }> };
}

const PAGE = 50;

export interface NaiveResult {
  counts: Record<string, number>;
  requests: number;
}

export async function naiveSync(apiUrl: string, token: string): Promise<NaiveResult> {
  let requests = 0;

  async function get(path: string, params: Record<string, string | number>): Promise<Envelope['response']> {
    const url = new URL(`${path}.json`, apiUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, String(value));
    requests++;
    const res = await fetch(url, { headers: { authorization: `OAuth ${token}` } });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return (JSON.parse(await res.text()) as Envelope).response;
  }

  async function all(path: string, params: Record<string, string | number> = {}): Promise<Item[]> {
    const items: Item[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await get(path, { ...params, limit: PAGE, offset });
      items.push(...page.items.map((wrapper) => wrapper.item));
      if (page.items.length === 0 || items.length >= Number(page.total)) return items;
    }
  }

  const blog = await all('blog/list', { status: 1, ignore_sticky: 1 });
  const photos = await all('photos/list');
  const albums = await all('photos/albums/list');
  for (const album of albums) {
    if (Number(album.photo_count) > 0)
      album.photos = (await get('photos/list', { album_id: String(album.id) })).items.map((w) => w.item);
  }
  const tracks = await all('audio/list');
  const playlists = await all('audio/playlists/list', { include_tracks: 1 });
  return {
    counts: {
      blog: blog.length,
      photos: photos.length,
      albums: albums.length,
      tracks: tracks.length,
      playlists: playlists.length,
    },
    requests,
  };
}
