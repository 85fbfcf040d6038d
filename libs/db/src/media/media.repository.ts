import type { MediaKind } from '@herald/domain';
import type { Db } from '../prisma.client';

export interface MediaRecord {
  id: string;
  name: string;
  originalName: string | null;
  path: string;
  mimeType: string;
  kind: MediaKind;
  fileSize: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

const SELECT = {
  id: true,
  name: true,
  originalName: true,
  path: true,
  mimeType: true,
  kind: true,
  fileSize: true,
  width: true,
  height: true,
  durationMs: true,
} as const;

function toRecord(row: Omit<MediaRecord, 'kind'> & { kind: string }): MediaRecord {
  return { ...row, kind: row.kind === 'video' ? 'video' : 'image' };
}

export class MediaRepository {
  constructor(private readonly db: Db) {}

  async create(organizationId: string, data: Omit<MediaRecord, 'id'>): Promise<MediaRecord> {
    return toRecord(await this.db.media.create({ data: { organizationId, ...data }, select: SELECT }));
  }

  async findManyForOrganization(organizationId: string, ids: readonly string[]): Promise<Map<string, MediaRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.media.findMany({
      where: { organizationId, id: { in: [...ids] }, deletedAt: null },
      select: SELECT,
    });
    return new Map(rows.map((r) => [r.id, toRecord(r)]));
  }

  /**
   * The organization's media named by id or by public URL (clients may send only the path), in
   * one statement: scheduling a post reads them on every request.
   */
  async findManyByIdOrPath(organizationId: string, ids: readonly string[], paths: readonly string[]): Promise<{ byId: Map<string, MediaRecord>; byPath: Map<string, MediaRecord> }> {
    const byId = new Map<string, MediaRecord>();
    const byPath = new Map<string, MediaRecord>();
    if (ids.length === 0 && paths.length === 0) return { byId, byPath };
    const rows = await this.db.$queryRaw<Array<Omit<MediaRecord, 'kind'> & { kind: string }>>`
      SELECT id, name, "originalName", path, "mimeType", kind, "fileSize", width, height, "durationMs"
        FROM media
       WHERE "organizationId" = ${organizationId} AND "deletedAt" IS NULL
         AND (id = ANY(${[...ids]}::text[]) OR path = ANY(${[...paths]}::text[]))
       ORDER BY "createdAt" ASC, id ASC`;
    const wantedIds = new Set(ids);
    const wantedPaths = new Set(paths);
    for (const row of rows) {
      const media = toRecord(row);
      if (wantedIds.has(media.id)) byId.set(media.id, media);
      if (wantedPaths.has(media.path)) byPath.set(media.path, media);
    }
    return { byId, byPath };
  }

  /** Media of the organization whose public URL is one of these paths (clients may send only the path). */
  async findManyByPath(organizationId: string, paths: readonly string[]): Promise<Map<string, MediaRecord>> {
    if (paths.length === 0) return new Map();
    const rows = await this.db.media.findMany({
      where: { organizationId, path: { in: [...paths] }, deletedAt: null },
      select: SELECT,
    });
    return new Map(rows.map((r) => [r.path, toRecord(r)]));
  }
}
