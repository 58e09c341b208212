/**
 * Your site's settings. The name and description come from your StageBloc profile (the
 * `account` collection); set them here only to show something else.
 */
export const SITE = {
  /** Unset: your StageBloc account's name. */
  name: undefined as string | undefined,
  /** Unset: your StageBloc account's description. */
  description: undefined as string | undefined,
  locale: 'en-US',
};

/**
 * The time zone of your shows' venues: StageBloc gives a show's local time but not its zone.
 * One IANA zone, or rules: `{ countries: { USA: 'America/Chicago', Germany: 'Europe/Berlin' }, default: 'America/Chicago' }`
 * (by venue name, city or country, as your StageBloc events spell them).
 */
export const TIME_ZONES = {
  cities: { 'Grand Rapids': 'America/Detroit', Montréal: 'America/Toronto', Winnipeg: 'America/Winnipeg' },
  countries: {
    USA: 'America/Chicago',
    Canada: 'America/Toronto',
    UK: 'Europe/London',
    Germany: 'Europe/Berlin',
    Sweden: 'Europe/Stockholm',
    Netherlands: 'Europe/Amsterdam',
    Japan: 'Asia/Tokyo',
  },
  default: 'America/Chicago',
};
