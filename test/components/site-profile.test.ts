/** siteProfile(): the site's config wins field by field, else the StageBloc account's profile. */
import { describe, expect, it } from 'vitest';
import { siteProfile } from '../../src/entries/account.js';
import { accountEntry } from '../fixtures/component-site/src/lib/tour-entries.js';

describe('siteProfile', () => {
  it('takes name, description and image from the account when the config sets none', () => {
    const profile = siteProfile({}, accountEntry());
    expect(profile.name).toBe('Juniper Static');
    expect(profile.description).toBe('Dream pop from Duluth.');
    expect(profile.image?.url).toBe('https://cdn.example/production/photos/2/large/account.jpeg');
    expect(profile.images).toEqual(accountEntry().data.images);
  });

  it('lets each configured field win on its own', () => {
    const profile = siteProfile({ name: 'JS', image: '/band.jpg' }, accountEntry());
    expect(profile).toEqual({
      name: 'JS',
      description: 'Dream pop from Duluth.',
      image: { url: '/band.jpg' },
      images: undefined,
    });
    expect(siteProfile({ description: 'Ours.' }, accountEntry()).description).toBe('Ours.');
  });

  it('treats blank values as unset, falls back without an account, and never publishes a hostile image URL', () => {
    expect(siteProfile({ name: '  ', description: '' }, accountEntry({ description: null })).name).toBe(
      'Juniper Static',
    );
    expect(siteProfile({ name: '  ' }, accountEntry({ description: '   ' })).description).toBeUndefined();
    expect(siteProfile({}, undefined, 'Band').name).toBe('Band');
    expect(siteProfile({ image: 'javascript:alert(1)' }, accountEntry()).image).toBeUndefined();
    expect(siteProfile({}, accountEntry({ images: { large: { url: 'javascript:alert(1)' } } })).image).toBeUndefined();
  });
});
