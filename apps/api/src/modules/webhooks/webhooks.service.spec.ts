import type { ApiConfig } from '@herald/config';
import type { IntegrationRecord, IntegrationRepository, WebhookRepository } from '@herald/db';
import { AppError } from '../../common/app-error';
import { WebhooksService } from './webhooks.service';

const ORG = 'org_1';
const CREATED_AT = new Date('2026-12-24T09:00:00Z');

function setUp(allowedOrigins: string[] = []) {
  const channels = new Map([['int_fb', { id: 'int_fb' } as IntegrationRecord]]);
  const webhooks = {
    create: jest.fn((_org: string, data: { name: string; url: string; integrationIds: string[] }) =>
      Promise.resolve({ id: 'wh_1', ...data, createdAt: CREATED_AT, secret: 'generated-secret' }),
    ),
    list: jest.fn().mockResolvedValue([{ id: 'wh_1', name: 'Zapier', url: 'https://8.8.8.8/in', integrationIds: [], createdAt: CREATED_AT }]),
    delete: jest.fn().mockResolvedValue(false),
  };
  const integrations = {
    findManyForOrganization: jest.fn((_org: string, ids: string[]) => Promise.resolve(new Map([...channels].filter(([id]) => ids.includes(id))))),
  };
  const config = { WEBHOOK_ALLOWED_ORIGINS: allowedOrigins } as unknown as ApiConfig;
  const service = new WebhooksService(webhooks as unknown as WebhookRepository, integrations as unknown as IntegrationRepository, config);
  return { service, webhooks, integrations };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe(WebhooksService.name, () => {
  it('should store a webhook for the chosen channels and answer its secret once', async () => {
    const { service, webhooks } = setUp();

    const created = await service.create(ORG, { name: ' Zapier ', url: 'https://8.8.8.8/hooks/in', integrations: ['int_fb'] });

    expect(webhooks.create).toHaveBeenCalledWith(ORG, { name: 'Zapier', url: 'https://8.8.8.8/hooks/in', integrationIds: ['int_fb'] });
    expect(created).toEqual({
      id: 'wh_1',
      name: 'Zapier',
      url: 'https://8.8.8.8/hooks/in',
      integrations: ['int_fb'],
      secret: 'generated-secret',
      createdAt: '2026-12-24T09:00:00.000Z',
    });
  });

  it('should take a webhook without integrations as one for every channel', async () => {
    const { service, webhooks, integrations } = setUp();

    await service.create(ORG, { name: 'All', url: 'https://8.8.8.8/in' });

    expect(webhooks.create).toHaveBeenCalledWith(ORG, expect.objectContaining({ integrationIds: [] }));
    expect(integrations.findManyForOrganization).not.toHaveBeenCalled();
  });

  it('should list webhooks without their secrets', async () => {
    const { service } = setUp();

    const listed = await service.list(ORG);

    expect(listed).toEqual([{ id: 'wh_1', name: 'Zapier', url: 'https://8.8.8.8/in', integrations: [], createdAt: '2026-12-24T09:00:00.000Z' }]);
  });

  it('should refuse a channel the organization does not have, naming its index, and store nothing', async () => {
    const { service, webhooks } = setUp();

    const error = await errorOf(service.create(ORG, { name: 'x', url: 'https://8.8.8.8/in', integrations: ['int_fb', 'int_other'] }));

    expect(error).toMatchObject({ code: 'VALIDATION', extra: { field: 'integrations[1]' } });
    expect(error.message).toBe('integrations[1] is not a channel of this organization (int_other)');
    expect(webhooks.create).not.toHaveBeenCalled();
  });

  it.each([
    ['ftp://8.8.8.8/in', 'url must use http or https'],
    ['http://127.0.0.1:9000/in', 'url points at a loopback address (this machine) (127.0.0.1)'],
    ['http://10.0.0.7/in', 'url points at a private network address (10.0.0.7)'],
  ])('should refuse %s with a 400 naming url', async (url, message) => {
    const { service, webhooks } = setUp();

    const error = await errorOf(service.create(ORG, { name: 'x', url }));

    expect(error).toMatchObject({ status: 400, extra: { field: 'url' } });
    expect(error.message).toContain(message);
    expect(webhooks.create).not.toHaveBeenCalled();
  });

  it('should accept a private address whose origin WEBHOOK_ALLOWED_ORIGINS lists', async () => {
    const { service, webhooks } = setUp(['http://127.0.0.1:9000']);

    await service.create(ORG, { name: 'local', url: 'http://127.0.0.1:9000/in' });

    expect(webhooks.create).toHaveBeenCalledTimes(1);
  });

  it('should refuse fields it does not take, and a missing name', async () => {
    const { service } = setUp();

    const extra = await errorOf(service.create(ORG, { name: 'x', url: 'https://8.8.8.8/in', secret: 'mine' }));
    const noName = await errorOf(service.create(ORG, { url: 'https://8.8.8.8/in' }));

    expect(extra.extra.field).toBe('secret');
    expect(noName.extra.field).toBe('name');
  });

  it("should answer 404 for a webhook that is not the organization's", async () => {
    const { service, webhooks } = setUp();

    const error = await errorOf(service.delete(ORG, 'wh_foreign'));

    expect(webhooks.delete).toHaveBeenCalledWith(ORG, 'wh_foreign');
    expect(error.status).toBe(404);
  });
});
