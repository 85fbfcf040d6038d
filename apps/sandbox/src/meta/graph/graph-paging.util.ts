import { paramString, type Params } from '../../http/request-params.util';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

/**
 * Graph's cursor paging over a list already in answer order: `limit`, `after` and `before`,
 * with `paging.next` built from the request's own URL.
 */
export function paginate<T extends { id: string }>(
  items: T[],
  params: Params,
  requestUrl: URL,
): { page: T[]; paging: Record<string, unknown> } {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number(paramString(params, 'limit') ?? DEFAULT_LIMIT) || DEFAULT_LIMIT));
  const after = paramString(params, 'after');
  const before = paramString(params, 'before');
  let start = 0;
  if (after) start = items.findIndex((item) => item.id === decodeCursor(after)) + 1;
  if (before) start = Math.max(0, items.findIndex((item) => item.id === decodeCursor(before)) - limit);
  const page = items.slice(start, start + limit);
  if (page.length === 0) return { page, paging: {} };
  const paging: Record<string, unknown> = {
    cursors: { before: encodeCursor(page[0]!.id), after: encodeCursor(page[page.length - 1]!.id) },
  };
  if (start + limit < items.length) {
    const next = new URL(requestUrl);
    next.searchParams.delete('before');
    next.searchParams.set('after', encodeCursor(page[page.length - 1]!.id));
    next.searchParams.set('limit', String(limit));
    paging.next = next.toString();
  }
  return { page, paging };
}
