import { randomUUID } from 'node:crypto';
import type { PostState } from '@herald/domain';
import { CredentialsCipher } from '../crypto/credentials-cipher';
import { OrganizationRepository } from '../organizations/organization.repository';
import { PostRepository } from '../posts/post.repository';
import { type Db, createPrismaClient } from '../prisma.client';
import { CustomerRepository } from './customer.repository';
import { IntegrationDeletionRepository } from './integration-deletion.repository';
import { IntegrationDetailsRepository } from './integration-details.repository';
import { IntegrationRepository } from './integration.repository';
import { PostingSlotRepository } from './posting-slot.repository';

// Provided by `npm test` (scripts/test.mjs): a database of this run's own, migrated.
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through npm test`);
  return value;
};

describe('channel repositories', () => {
  let db: Db;
  let organizations: OrganizationRepository;
  let integrations: IntegrationRepository;
  const customers = () => new CustomerRepository(db);
  const details = () => new IntegrationDetailsRepository(db);

  beforeAll(() => {
    db = createPrismaClient(env('DATABASE_URL'), { maxConnections: 8 });
    organizations = new OrganizationRepository(db);
    integrations = new IntegrationRepository(db, new CredentialsCipher(env('HERALD_ENCRYPTION_KEY')));
  });
  afterAll(() => db.$disconnect());

  const organization = async (timeZone = 'UTC') => (await organizations.create({ name: `channels-${randomUUID()}`, timeZone })).id;
  const channel = async (organizationId: string) =>
    (await integrations.upsert(organizationId, { provider: 'facebook', internalId: randomUUID(), name: 'Page', credentials: { accessToken: 't' } })).id;
  const post = async (organizationId: string, integrationId: string, state: PostState, publishAt: Date, extra: { parentPostId?: string } = {}) =>
    (await db.post.create({ data: { organizationId, integrationId, group: randomUUID(), state, publishAt, content: 'x', ...extra }, select: { id: true } })).id;

  describe(IntegrationRepository.name, () => {
    it("should read, for scheduling, the organization's zone and only its own undeleted channels among those named", async () => {
      const [org, other] = await Promise.all([organization('Europe/Paris'), organization()]);
      const [page, retired, foreign] = await Promise.all([channel(org), channel(org), channel(other)]);
      await db.integration.update({ where: { id: retired }, data: { deletedAt: new Date() } });
      await db.integration.update({ where: { id: page }, data: { tokenExpiresAt: new Date('2031-01-02T03:04:05.678Z'), refreshNeeded: true } });

      const found = await integrations.findForScheduling(org, [page, retired, foreign, 'unknown']);
      const none = await integrations.findForScheduling(org, ['unknown']);
      const noOrganization = await integrations.findForScheduling('no-such-organization', [page]);

      expect(found.timeZone).toBe('Europe/Paris');
      expect([...found.channels.values()]).toEqual([await integrations.findForOrganization(org, page)]);
      expect(found.channels.get(page)).toMatchObject({ tokenExpiresAt: new Date('2031-01-02T03:04:05.678Z'), refreshNeeded: true, disabled: false });
      expect(none).toEqual({ timeZone: 'Europe/Paris', channels: new Map() });
      expect(noOrganization).toEqual({ timeZone: null, channels: new Map() });
    });
  });

  describe(CustomerRepository.name, () => {
    it('should create one customer when requests race for a name, ignoring case', async () => {
      for (let round = 0; round < 10; round++) {
        const org = await organization();

        const results = await Promise.all(['Acme', 'ACME', 'acme', 'Acme', 'aCME', 'AcMe'].map((name) => customers().create(org, name)));

        expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
        expect(await customers().list(org)).toHaveLength(1);
      }
    });

    it("should let a deleted customer's name be used again, and another organization use it", async () => {
      const [org, other] = await Promise.all([organization(), organization()]);
      const first = await customers().create(org, 'Client');
      if (first.kind !== 'created') throw new Error('expected a customer');
      await db.customer.update({ where: { id: first.customer.id }, data: { deletedAt: new Date() } });

      const again = await customers().create(org, 'Client');
      const elsewhere = await customers().create(other, 'Client');

      expect([again.kind, elsewhere.kind]).toEqual(['created', 'created']);
      expect(await customers().findForOrganization(other, first.customer.id)).toBeNull();
    });
  });

  describe(IntegrationDetailsRepository.name, () => {
    it("should read the slots in the organization's zone unless the channel has one, and filter by customer", async () => {
      const org = await organization('Pacific/Chatham');
      const [a, b] = [await channel(org), await channel(org)];
      const created = await customers().create(org, 'Acme');
      if (created.kind !== 'created') throw new Error('expected a customer');
      await details().setCustomer(org, a, created.customer.id);
      await details().setPostingTimes(org, b, { times: ['08:00'], timeZone: 'Europe/Paris' });

      const all = await details().list(org);
      const acme = await details().list(org, { customerId: created.customer.id });

      expect(all.map((c) => [c.id, c.postingTimes, c.slotTimeZone, c.customer?.name ?? null])).toEqual([
        [a, ['09:00', '12:00', '17:00'], 'Pacific/Chatham', 'Acme'],
        [b, ['08:00'], 'Europe/Paris', null],
      ]);
      expect(acme.map((c) => c.id)).toEqual([a]);
    });

    it("should keep the channel's zone when none is given, go back to the organization's with null, and not touch another organization's channel", async () => {
      const [org, other] = await Promise.all([organization('Asia/Kolkata'), organization()]);
      const id = await channel(org);
      await details().setPostingTimes(org, id, { times: ['10:00'], timeZone: 'Europe/Paris' });

      const kept = await details().setPostingTimes(org, id, { times: ['11:00'] });
      const cleared = await details().setPostingTimes(org, id, { times: ['12:00'], timeZone: null });
      const foreign = await details().setPostingTimes(other, id, { times: ['13:00'] });

      expect([kept?.slotTimeZone, cleared?.slotTimeZone, foreign]).toEqual(['Europe/Paris', 'Asia/Kolkata', null]);
      expect((await details().find(org, id))?.postingTimes).toEqual(['12:00']);
    });
  });

  describe(PostingSlotRepository.name, () => {
    it("should count the channel's undeleted posts but failed ones and comments, within the range", async () => {
      const org = await organization();
      const [id, otherChannel] = [await channel(org), await channel(org)];
      const at = (hour: number) => new Date(Date.UTC(2030, 0, 1, hour));
      const root = await post(org, id, 'QUEUE', at(9));
      await post(org, id, 'DRAFT', at(10));
      await post(org, id, 'ERROR', at(11));
      await post(org, id, 'QUEUE', at(12), { parentPostId: root });
      await post(org, otherChannel, 'QUEUE', at(13));
      await db.post.update({ where: { id: await post(org, id, 'QUEUE', at(14)) }, data: { deletedAt: new Date() } });
      await post(org, id, 'PUBLISHED', at(20));

      const taken = await new PostingSlotRepository(db).takenTimes(org, id, { after: at(8), before: at(19) });

      expect(taken).toEqual([at(9), at(10)]);
    });
  });

  describe(IntegrationDeletionRepository.name, () => {
    it('should delete the channel with its drafts, scheduled and failed posts and their comments, and keep the others', async () => {
      const [org, other] = await Promise.all([organization(), organization()]);
      const id = await channel(org);
      const soon = new Date(Date.now() + 3_600_000);
      const ids = Object.fromEntries(
        await Promise.all((['DRAFT', 'QUEUE', 'ERROR', 'PUBLISHING', 'PUBLISHED'] as const).map(async (s) => [s, await post(org, id, s, soon)])),
      ) as Record<PostState, string>;
      const comment = await post(org, id, 'QUEUE', soon, { parentPostId: ids.PUBLISHING });

      const foreign = await new IntegrationDeletionRepository(db).softDelete(other, id, new Date());
      const result = await new IntegrationDeletionRepository(db).softDelete(org, id, new Date());
      const again = await new IntegrationDeletionRepository(db).softDelete(org, id, new Date());

      expect(foreign).toBeNull();
      expect(result?.deletedPostIds.sort()).toEqual([ids.DRAFT, ids.QUEUE, ids.ERROR].sort());
      expect(result).toMatchObject({ deletedCommentCount: 1, publishingPostIds: [ids.PUBLISHING] });
      expect(again).toBeNull();
      const kept = await db.post.findMany({ where: { integrationId: id, deletedAt: null }, select: { id: true } });
      expect(kept.map((p) => p.id).sort()).toEqual([ids.PUBLISHING, ids.PUBLISHED].sort());
      expect(await db.post.findUnique({ where: { id: comment }, select: { deletedAt: true } })).not.toEqual({ deletedAt: null });
      expect(await integrations.findForOrganization(org, id)).toBeNull();
    });

    it('should let either the deletion or a publish claim win a due post, never both', async () => {
      const posts = new PostRepository(db);
      for (let round = 0; round < 10; round++) {
        const org = await organization();
        const id = await channel(org);
        const postId = await post(org, id, 'QUEUE', new Date(Date.now() - 500));

        const [claim, deletion] = await Promise.all([
          posts.claimForPublishing(org, postId, `run-${round}`, new Date()),
          new IntegrationDeletionRepository(db).softDelete(org, id, new Date()),
        ]);

        const row = await db.post.findUniqueOrThrow({ where: { id: postId }, select: { state: true, deletedAt: true } });
        if (claim.kind === 'claimed') {
          expect(row).toEqual({ state: 'PUBLISHING', deletedAt: null });
          expect(deletion).toMatchObject({ deletedPostIds: [], publishingPostIds: [postId] });
        } else {
          expect(claim).toMatchObject({ kind: 'skip' });
          expect(row.state).toBe('QUEUE');
          expect(row.deletedAt).not.toBeNull();
          expect(deletion?.deletedPostIds).toEqual([postId]);
        }
      }
    });
  });
});
