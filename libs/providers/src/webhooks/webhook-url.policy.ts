import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressCategory, describeAddressCategory } from '../media/address-policy';
import type { ResolvedAddress } from '../media/media-fetcher';

export interface WebhookUrlPolicy {
  /** Origins called although they resolve to a private or loopback address (WEBHOOK_ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /** Name resolution; the system resolver unless a test replaces it. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export type WebhookUrlCheck =
  /** `connectTo`: the checked address the request must go to, and no other. */
  | { ok: true; url: URL; connectTo: ResolvedAddress }
  /** `reason` reads after the field name ("url …"); `unresolved`: DNS gave no address (it may later). */
  | { ok: false; reason: string; unresolved: boolean };

/**
 * Whether Herald may POST to a webhook URL: http(s), no credentials, and a host that resolves
 * to a public address (the same classification media fetching uses), unless its origin is
 * allowed by the operator. Checked at registration and again before every delivery, since the
 * host's DNS may have changed in between.
 */
export async function checkWebhookUrl(text: string, policy: WebhookUrlPolicy): Promise<WebhookUrlCheck> {
  const url = parseHttpUrl(text);
  if (typeof url === 'string') return { ok: false, reason: url, unresolved: false };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  let candidates: ResolvedAddress[];
  if (family === 4 || family === 6) {
    candidates = [{ address: host, family }];
  } else {
    const resolved = await resolveHost(policy.resolve ?? systemResolve, host);
    if (!Array.isArray(resolved)) return resolved;
    candidates = resolved;
  }
  if (allowedOriginsOf(policy.allowedOrigins).has(url.origin)) return { ok: true, url, connectTo: candidates[0]! };
  // Any public answer will do: the request is then sent to that one address and no other.
  const connectTo = candidates.find((candidate) => addressCategory(candidate.address) === 'public');
  if (connectTo) return { ok: true, url, connectTo };
  const { address } = candidates[0]!;
  const category = addressCategory(address);
  const what = category && category !== 'public' ? describeAddressCategory(category) : 'not an IP address';
  const where = `${host === address ? 'points at' : 'resolves to'} ${what} (${address})`;
  return {
    ok: false,
    reason: `${where}: Herald calls webhooks on public addresses only, unless their origin is in WEBHOOK_ALLOWED_ORIGINS`,
    unresolved: false,
  };
}

/** The URL, or why it is not one Herald calls. */
function parseHttpUrl(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  // Herald signs its requests; a password in the URL would also end up in logs and listings.
  if (url.username || url.password) return 'must not carry a user name or password';
  return url;
}

function allowedOriginsOf(origins: readonly string[]): Set<string> {
  const allowed = new Set<string>();
  for (const origin of origins) {
    try {
      allowed.add(new URL(origin).origin);
    } catch {
      // Not an origin: config validation names it; here it simply allows nothing.
    }
  }
  return allowed;
}

async function resolveHost(
  resolve: NonNullable<WebhookUrlPolicy['resolve']>,
  host: string,
): Promise<ResolvedAddress[] | Extract<WebhookUrlCheck, { ok: false }>> {
  try {
    const answers = await resolve(host);
    if (answers.length > 0) return answers;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'ENOTFOUND' && code !== 'ENODATA') {
      return { ok: false, reason: `names a host that could not be resolved right now (${host})`, unresolved: true };
    }
  }
  return { ok: false, reason: `names a host that does not exist (${host})`, unresolved: true };
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}
