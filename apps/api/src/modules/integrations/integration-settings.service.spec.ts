import type { IntegrationRecord, IntegrationRepository } from '@herald/db';
import { PROVIDER_SETTINGS_SCHEMAS, type ProviderId, TIKTOK_PRIVACY_LEVEL_VALUES } from '@herald/domain';
import { TIKTOK_PRIVACY_LEVELS, readTikTokSettings } from '@herald/providers';
import { AppError } from '../../common/app-error';
import { IntegrationSettingsService } from './integration-settings.service';

function setup(provider: ProviderId | null) {
  const integrations = {
    findForOrganization: jest.fn().mockResolvedValue(provider && ({ id: 'int-1', provider } as IntegrationRecord)),
  };
  return new IntegrationSettingsService(integrations as unknown as IntegrationRepository);
}

const tiktok = PROVIDER_SETTINGS_SCHEMAS.tiktok.properties;

describe(IntegrationSettingsService.name, () => {
  it("should answer Postiz's {output: {rules, maxLength, settings, tools}} for an Instagram channel", async () => {
    const { output } = await setup('instagram').get('org-1', 'int-1');

    expect(Object.keys(output)).toEqual(['rules', 'maxLength', 'settings', 'tools']);
    expect(output.maxLength).toBe(2200);
    expect(output.tools).toEqual([]);
    expect(output.rules).toMatch(/^Instagram \(Facebook login\) takes 1 to 10 images or videos/);
    expect(output.settings).toMatchObject({
      type: 'object',
      properties: { post_type: { enum: ['post', 'story'], default: 'post' }, collaborators: { type: 'array' } },
    });
  });

  it("should answer 404 for a channel that is not the organization's", async () => {
    const error: unknown = await setup(null).get('org-1', 'int-x').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });

  // The schema is data in libs/domain; the reader that really decides is in libs/providers.
  describe('the TikTok settings schema against readTikTokSettings', () => {
    it('should list exactly the privacy levels the reader accepts', () => {
      expect(TIKTOK_PRIVACY_LEVEL_VALUES).toEqual(TIKTOK_PRIVACY_LEVELS);
      expect(tiktok['privacy_level']?.enum).toEqual([...TIKTOK_PRIVACY_LEVELS]);
    });

    it.each(Object.entries(tiktok).filter(([, s]) => s.enum))('should accept every value %s lists, and refuse another', (key, schema) => {
      for (const value of schema.enum ?? []) expect(readTikTokSettings({ [key]: value }).issues).toEqual([]);
      expect(readTikTokSettings({ [key]: 'NOT_A_VALUE' }).issues.map((i) => i.field)).toEqual([`settings.${key}`]);
    });

    it.each(Object.entries(tiktok).filter(([, s]) => s.type === 'boolean'))('should read %s as true or false, and refuse other values', (key) => {
      expect(readTikTokSettings({ [key]: true }).issues).toEqual([]);
      expect(readTikTokSettings({ [key]: 'yes' }).issues.map((i) => i.field)).toEqual([`settings.${key}`]);
    });

    it('should give the defaults the reader applies when a setting is absent', () => {
      const { settings } = readTikTokSettings({});

      expect(settings).toMatchObject({ privacyLevel: tiktok['privacy_level']?.default, postingMethod: tiktok['content_posting_method']?.default });
      expect(settings.autoAddMusic).toBe(tiktok['autoAddMusic']?.default === 'yes');
    });

    it('should describe every setting the reader reads, and no other', () => {
      const read = new Set<string>();
      const spy = new Proxy({}, { get: (_target, key) => (typeof key === 'string' && read.add(key), undefined) });

      readTikTokSettings(spy);

      expect(Object.keys(tiktok).sort()).toEqual([...read].sort());
    });
  });
});
