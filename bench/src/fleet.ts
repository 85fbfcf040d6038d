import path from 'node:path';
import type { Db } from '@herald/db';
import type { ProviderId } from '@herald/domain';
import { type HeraldStack, PublicApiClient, REPO_ROOT, type TestOrganization, createTestOrganization } from '@herald/testing';

export const NETWORKS = ['facebook', 'instagram', 'tiktok'] as const satisfies readonly ProviderId[];
export type BenchNetwork = (typeof NETWORKS)[number];

/** A 4:5-to-1.91:1 JPEG that Instagram and TikTok take (the e2e suites' fixture). */
const PHOTO = path.join(REPO_ROOT, 'e2e/fixtures/photo.jpg');

/** An organization with one channel per network and an uploaded photo, reached through the public API. */
export interface FleetOrg {
  org: TestOrganization;
  api: PublicApiClient;
  photoPath: string;
}

/** Each post names its run and number in its text, which the sandbox's request log shows. */
export function marker(tag: string, index: number): string {
  return `Bench post ${tag}-${index}`;
}

export const MARKER_PATTERN = /Bench post ([a-z0-9]+-\d+)/;

/**
 * `count` organizations, each with a Facebook Page, an Instagram account and a TikTok account of
 * its own in the sandbox. Instagram allows 100 API publishes a day per account, so a burst is
 * spread over enough accounts.
 */
export async function createFleet(stack: HeraldStack, db: Db, count: number): Promise<FleetOrg[]> {
  const orgs: FleetOrg[] = [];
  for (let i = 0; i < count; i += 4) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(4, count - i) }, async () => {
        const org = await createTestOrganization(db, stack.sandbox, [...NETWORKS]);
        const api = new PublicApiClient(stack.apiUrl, org.apiKey);
        const upload = await api.upload(PHOTO);
        if (upload.status !== 201) throw new Error(`upload answered ${upload.status}`);
        return { org, api, photoPath: upload.body.path };
      }),
    );
    orgs.push(...batch);
  }
  return orgs;
}

/**
 * How many times the sandbox published each post marker on the fleet's accounts: its own record
 * of what went out, the witness of a post published twice (a count above 1).
 */
export async function publishedByMarker(stack: HeraldStack, fleet: readonly FleetOrg[]): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (const { org } of fleet) {
    for (const network of NETWORKS) {
      for (const item of await stack.sandbox.published({ network, accountId: org.channels[network]!.account.id })) {
        const key = MARKER_PATTERN.exec(item.text)?.[1];
        if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
  }
  return seen;
}

/** One channel's item of a POST /posts body: Facebook text, an Instagram photo, a TikTok photo post. */
export function postItem(fleet: FleetOrg, network: BenchNetwork, content: string): Record<string, unknown> {
  const integration = { id: fleet.org.channels[network]!.integration.id };
  switch (network) {
    case 'facebook':
      return { integration, value: [{ content, image: [] }] };
    case 'instagram':
      return { integration, value: [{ content, image: [{ path: fleet.photoPath }] }], settings: { post_type: 'post' } };
    case 'tiktok':
      return {
        integration,
        value: [{ content, image: [{ path: fleet.photoPath }] }],
        settings: { privacy_level: 'PUBLIC_TO_EVERYONE', title: 'Bench', content_posting_method: 'DIRECT_POST' },
      };
  }
}

/** Runs `jobs` with at most `concurrency` at a time; resolves with their results in order. */
export async function pool<T>(count: number, concurrency: number, job: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await job(index);
      }
    }),
  );
  return results;
}
