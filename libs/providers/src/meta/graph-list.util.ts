import { arrayField, objectField, stringField } from '../json-fields.util';
import { createdSinceCommit, metaTime } from './published-match.util';

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

/**
 * Reads a newest-first Graph list (a Page's feed, an account's media) back to `since`, less the
 * clock allowance: a post published since a commit began can be anywhere in that stretch when
 * the account publishes many posts at once, not only on the first page. Answers what it read and
 * whether it reached back that far (false when `maxPages` ran out first, so that the caller says
 * "unknown" rather than "not published").
 */
export async function readGraphListSince(
  readPage: (after: string | undefined) => Promise<unknown>,
  createdAtOf: (entry: unknown) => string | undefined,
  since: Date,
  maxPages: number,
): Promise<{ entries: unknown[]; complete: boolean }> {
  const entries: unknown[] = [];
  const complete = await scanGraphList(
    readPage,
    (page) => {
      entries.push(...page);
      return page.some((entry) => isBefore(createdAtOf(entry), since)) ? 'stop' : 'continue';
    },
    maxPages,
  );
  return { entries, complete };
}

function isBefore(createdAt: string | undefined, since: Date): boolean {
  return createdAt !== undefined && metaTime(createdAt) !== undefined && !createdSinceCommit(createdAt, since);
}
