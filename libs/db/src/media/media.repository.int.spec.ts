import { randomUUID } from 'node:crypto';
import { OrganizationRepository } from '../organizations/organization.repository';
import { type Db, createPrismaClient } from '../prisma.client';
import { type MediaRecord, MediaRepository } from './media.repository';

// Provided by `npm test` (scripts/test.mjs): a database of this run's own, migrated.
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through npm test`);
  return value;
};

describe(MediaRepository.name, () => {
  let db: Db;
  let media: MediaRepository;
  let organizationId: string;
  let otherOrganizationId: string;

  beforeAll(async () => {
    db = createPrismaClient(env('DATABASE_URL'), { maxConnections: 2 });
    media = new MediaRepository(db);
    const organizations = new OrganizationRepository(db);
    organizationId = (await organizations.create({ name: 'media-test' })).id;
    otherOrganizationId = (await organizations.create({ name: 'media-test-other' })).id;
  });
  afterAll(() => db.$disconnect());

  const upload = (org: string, extra: Partial<MediaRecord> = {}) => {
    const name = `${randomUUID()}.jpg`;
    return media.create(org, {
      name,
      originalName: 'photo.jpg',
      path: `https://media.example.com/uploads/${name}`,
      mimeType: 'image/jpeg',
      kind: 'image',
      fileSize: 1234,
      width: 1080,
      height: 1350,
      durationMs: null,
      ...extra,
    });
  };

  it("should find the organization's media a post names by id or by path, and no one else's", async () => {
    const [byId, byPath, both, deleted, foreign] = await Promise.all([
      upload(organizationId),
      upload(organizationId, { kind: 'video', mimeType: 'video/mp4', width: null, height: null, durationMs: 4_000 }),
      upload(organizationId),
      upload(organizationId),
      upload(otherOrganizationId),
    ]);
    await db.media.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });

    const found = await media.findManyByIdOrPath(
      organizationId,
      [byId.id, both.id, deleted.id, foreign.id, 'unknown'],
      [byPath.path, both.path, deleted.path, foreign.path, 'https://elsewhere.example.com/a.jpg'],
    );

    expect(found.byId).toEqual(new Map([[byId.id, byId], [both.id, both]]));
    expect(found.byPath).toEqual(new Map([[byPath.path, byPath], [both.path, both]]));
    expect(await media.findManyByIdOrPath(organizationId, [], [])).toEqual({ byId: new Map(), byPath: new Map() });
  });
});
