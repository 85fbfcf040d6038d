import { randomUUID } from 'node:crypto';
import { CredentialsCipher } from '../crypto/credentials-cipher';
import { IntegrationRepository } from '../integrations/integration.repository';
import { OrganizationRepository } from '../organizations/organization.repository';
import { type Db, createPrismaClient } from '../prisma.client';
import { WebhookRepository } from './webhook.repository';

// Provided by `npm test` (scripts/test.mjs): a database of this run's own, migrated.
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through npm test`);
  return value;
};

describe(WebhookRepository.name, () => {
  let db: Db;
  let webhooks: WebhookRepository;
  let organizationId: string;
  let otherOrganizationId: string;
  let facebookId: string;
  let instagramId: string;

  beforeAll(async () => {
    db = createPrismaClient(env('DATABASE_URL'), { maxConnections: 2 });
    const cipher = new CredentialsCipher(env('HERALD_ENCRYPTION_KEY'));
    webhooks = new WebhookRepository(db, cipher);
    const organizations = new OrganizationRepository(db);
    organizationId = (await organizations.create({ name: 'webhook-repo-test' })).id;
    otherOrganizationId = (await organizations.create({ name: 'webhook-repo-test-other' })).id;
    const integrations = new IntegrationRepository(db, cipher);
    const channel = async (provider: 'facebook' | 'instagram') =>
      (await integrations.upsert(organizationId, { provider, internalId: `${provider}-${randomUUID()}`, name: provider, credentials: { accessToken: 't' } })).id;
    facebookId = await channel('facebook');
    instagramId = await channel('instagram');
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  it('should store the secret encrypted and answer it in clear only at creation', async () => {
    const created = await webhooks.create(organizationId, { name: 'Secret keeper', url: 'https://hooks.example.com/a', integrationIds: [] });

    const row = await db.webhook.findUniqueOrThrow({ where: { id: created.id } });
    const listed = (await webhooks.list(organizationId)).find((w) => w.id === created.id);
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row.secret).not.toContain(created.secret);
    expect(row.secret).toMatch(/^v1\./);
    expect(listed).toEqual({ id: created.id, name: 'Secret keeper', url: 'https://hooks.example.com/a', integrationIds: [], createdAt: created.createdAt });
    expect(listed).not.toHaveProperty('secret');
  });

  it("should call a webhook for every channel and one for the post's channel, with their secrets, and not one for another channel", async () => {
    const all = await webhooks.create(organizationId, { name: 'all', url: 'https://hooks.example.com/all', integrationIds: [] });
    const facebook = await webhooks.create(organizationId, { name: 'fb', url: 'https://hooks.example.com/fb', integrationIds: [facebookId, facebookId] });
    const instagram = await webhooks.create(organizationId, { name: 'ig', url: 'https://hooks.example.com/ig', integrationIds: [instagramId] });

    const targets = await webhooks.forOutcome(organizationId, facebookId);

    expect(facebook.integrationIds).toEqual([facebookId]);
    const ids = targets.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining([all.id, facebook.id]));
    expect(ids).not.toContain(instagram.id);
    expect(targets.find((t) => t.id === facebook.id)).toEqual({ id: facebook.id, url: 'https://hooks.example.com/fb', secret: facebook.secret });
  });

  it("should keep an organization's webhooks from another organization: not listed, not deleted, not called", async () => {
    const created = await webhooks.create(organizationId, { name: 'mine', url: 'https://hooks.example.com/mine', integrationIds: [] });

    const deletedByOther = await webhooks.delete(otherOrganizationId, created.id);

    expect(deletedByOther).toBe(false);
    expect((await webhooks.list(otherOrganizationId)).map((w) => w.id)).not.toContain(created.id);
    expect((await webhooks.forOutcome(otherOrganizationId, facebookId)).map((w) => w.id)).not.toContain(created.id);
    expect((await webhooks.list(organizationId)).map((w) => w.id)).toContain(created.id);
  });

  it('should soft-delete once, after which the webhook is neither listed nor called', async () => {
    const created = await webhooks.create(organizationId, { name: 'gone', url: 'https://hooks.example.com/gone', integrationIds: [] });

    const first = await webhooks.delete(organizationId, created.id);
    const second = await webhooks.delete(organizationId, created.id);

    expect([first, second]).toEqual([true, false]);
    expect((await db.webhook.findUniqueOrThrow({ where: { id: created.id } })).deletedAt).toBeInstanceOf(Date);
    expect((await webhooks.list(organizationId)).map((w) => w.id)).not.toContain(created.id);
    expect((await webhooks.forOutcome(organizationId, facebookId)).map((w) => w.id)).not.toContain(created.id);
  });
});
