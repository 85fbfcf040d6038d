import type { CredentialsCipher } from '../crypto/credentials-cipher';
import type { Db } from '../prisma.client';
import { generateWebhookSecret } from './webhook-secret.util';

/** A webhook as its organization lists it: never with its secret. */
export interface WebhookRecord {
  id: string;
  name: string;
  url: string;
  /** The channels it is for; empty means every channel of the organization. */
  integrationIds: string[];
  createdAt: Date;
}

/** The one answer that carries the secret in clear: the one to the request that created it. */
export interface CreatedWebhook extends WebhookRecord {
  secret: string;
}

export interface NewWebhook {
  name: string;
  url: string;
  integrationIds: readonly string[];
}

/** A webhook to call after a post's outcome, with its decrypted secret: for the worker only. */
export interface WebhookTarget {
  id: string;
  url: string;
  secret: string;
}

const SELECT = { id: true, name: true, url: true, integrationIds: true, createdAt: true } as const;

/** Webhooks. Every method takes the organization first; deleted webhooks are invisible. */
export class WebhookRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: CredentialsCipher,
  ) {}

  /** Stores a webhook with a new secret, encrypted like channel tokens, and returns it in clear once. */
  async create(organizationId: string, data: NewWebhook, secret: string = generateWebhookSecret()): Promise<CreatedWebhook> {
    const row = await this.db.webhook.create({
      data: {
        organizationId,
        name: data.name,
        url: data.url,
        integrationIds: [...new Set(data.integrationIds)],
        secret: this.cipher.encrypt(secret),
      },
      select: SELECT,
    });
    return { ...row, secret };
  }

  async list(organizationId: string): Promise<WebhookRecord[]> {
    return this.db.webhook.findMany({
      where: { organizationId, deletedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: SELECT,
    });
  }

  /** Soft delete; false when the organization has no such webhook (any more). */
  async delete(organizationId: string, id: string, now: Date = new Date()): Promise<boolean> {
    const { count } = await this.db.webhook.updateMany({ where: { id, organizationId, deletedAt: null }, data: { deletedAt: now } });
    return count === 1;
  }

  /** Whether the organization has a webhook at all: most have none, and then nothing is started. */
  async hasAny(organizationId: string): Promise<boolean> {
    return (await this.db.webhook.count({ where: { organizationId, deletedAt: null }, take: 1 })) > 0;
  }

  /** The webhooks to call for a post of this channel: those for every channel and those naming it. */
  async forOutcome(organizationId: string, integrationId: string): Promise<WebhookTarget[]> {
    const rows = await this.db.webhook.findMany({
      where: {
        organizationId,
        deletedAt: null,
        OR: [{ integrationIds: { isEmpty: true } }, { integrationIds: { has: integrationId } }],
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, url: true, secret: true },
    });
    return rows.map((row) => ({ id: row.id, url: row.url, secret: this.cipher.decrypt<string>(row.secret) }));
  }
}
