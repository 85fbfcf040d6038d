import type { Prisma } from '../generated/prisma/client';
import type { NewPost, NewThreadItem } from './post.types';

/** Thread items are Post rows of their own that point to their root; they share its channel, group and state. */
export async function insertThread(
  tx: Prisma.TransactionClient,
  organizationId: string,
  root: Pick<NewPost, 'integrationId' | 'group' | 'state' | 'publishAt' | 'timeZone' | 'creationMethod'> & { id: string },
  items: readonly NewThreadItem[],
): Promise<void> {
  let at = root.publishAt.getTime();
  for (const [i, item] of items.entries()) {
    // The earliest the item can go out; the workflow waits for the root to be published first.
    at += item.delayMinutes * 60_000;
    await tx.post.create({
      data: {
        organizationId,
        integrationId: root.integrationId,
        group: root.group,
        parentPostId: root.id,
        threadPosition: i + 1,
        delayMinutes: item.delayMinutes,
        state: root.state,
        publishAt: new Date(at),
        timeZone: root.timeZone ?? null,
        content: item.content,
        media: item.media as unknown as Prisma.InputJsonValue,
        creationMethod: root.creationMethod,
      },
    });
  }
}
