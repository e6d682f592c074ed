import { FieldErrors } from '@crm/subgraph';
import { resolveTenantSettings, type RequestedTenantSettings, type TenantSettings } from './tenant-settings';

const defaults: TenantSettings = {
  defaultCurrency: 'IRR',
  locale: 'fa-IR',
  timeZone: 'Asia/Tehran',
  phoneRegion: 'IR',
};

function resolve(requested: RequestedTenantSettings) {
  const errors = new FieldErrors();
  const settings = resolveTenantSettings(errors, requested, defaults);
  return { settings, errors: errors.list };
}

describe('resolveTenantSettings', () => {
  it('takes the service defaults for whatever is not asked for', () => {
    expect(resolve({})).toEqual({ settings: defaults, errors: [] });
  });

  it('canonicalises what is asked for', () => {
    expect(
      resolve({ defaultCurrency: 'eur', locale: 'de-de', timeZone: 'europe/berlin', phoneRegion: 'de' })
        .settings,
    ).toEqual({
      defaultCurrency: 'EUR',
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
      phoneRegion: 'DE',
    });
  });

  it('reads phone numbers in the region of a requested locale, unless a region is given', () => {
    expect(resolve({ locale: 'en-GB' }).settings.phoneRegion).toBe('GB');
    expect(resolve({ locale: 'en' }).settings.phoneRegion).toBe('IR');
    expect(resolve({ locale: 'en-GB', phoneRegion: 'IE' }).settings.phoneRegion).toBe('IE');
  });

  it.each([
    [{ defaultCurrency: 'XYZ1' }, 'defaultCurrency'],
    [{ locale: 'not a locale!' }, 'locale'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ phoneRegion: 'XX' }, 'phoneRegion'],
  ])('reports %j on its field', (requested, field) => {
    expect(resolve(requested).errors.map((error) => error.field)).toEqual([field]);
  });
});
