import { arrayField, objectField, stringField } from '../json-fields.util';

/** One page of a Graph list: its entries, and the cursor of the next page when there is one. */
export function readGraphListPage(body: unknown): { entries: unknown[]; after?: string } {
  const paging = objectField(body, 'paging');
  // `cursors.after` is given on the last page too; only `next` says there is more.
  const after = stringField(paging, 'next') ? stringField(objectField(paging, 'cursors'), 'after') : undefined;
  return { entries: arrayField(body, 'data') ?? [], after };
}

/**
 * Reads a Graph list page by page (cursor `after`) until `visit` has seen enough or the list
 * ends. Answers false when `maxPages` ran out first: what was looked for may be further on.
 */
export async function scanGraphList(
  readPage: (after: string | undefined) => Promise<unknown>,
  visit: (entries: unknown[]) => 'continue' | 'stop',
  maxPages: number,
): Promise<boolean> {
  let after: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const { entries, after: next } = readGraphListPage(await readPage(after));
    if (visit(entries) === 'stop' || next === undefined) return true;
    after = next;
  }
  return false;
}
