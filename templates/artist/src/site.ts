/** Edit these: StageBloc's API has no profile endpoint, so your name and bio live here. */
export const SITE = {
  name: 'Juniper Static',
  description: 'Music, photos and news from Juniper Static, straight from StageBloc.',
  locale: 'en-US',
};
