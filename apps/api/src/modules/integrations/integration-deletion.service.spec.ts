import type { ChannelDeletion, IntegrationDeletionRepository } from '@herald/db';
import { AppError } from '../../common/app-error';
import type { PublishScheduler } from '../posts/publish-scheduler.service';
import { IntegrationDeletionService } from './integration-deletion.service';

const NOW = new Date('2026-12-03T10:00:00.000Z');

function setup(result: ChannelDeletion | null) {
  const deletions = { softDelete: jest.fn().mockResolvedValue(result) };
  const scheduler = { cancel: jest.fn().mockResolvedValue(undefined) };
  const service = new IntegrationDeletionService(
    deletions as unknown as IntegrationDeletionRepository,
    scheduler as unknown as PublishScheduler,
    () => NOW,
  );
  return { service, deletions, scheduler };
}

describe(IntegrationDeletionService.name, () => {
  it('should delete the channel, cancel the publish of each deleted post and count them', async () => {
    const { service, deletions, scheduler } = setup({ deletedPostIds: ['p1', 'p2'], deletedCommentCount: 1, publishingPostIds: [] });

    const answer = await service.delete('org-1', 'int-1');

    expect(answer).toEqual({ deleted: true, posts: 2, deletedPostIds: ['p1', 'p2'], publishing: [] });
    expect(deletions.softDelete).toHaveBeenCalledWith('org-1', 'int-1', NOW);
    expect(scheduler.cancel.mock.calls).toEqual([['org-1', 'p1'], ['org-1', 'p2']]);
  });

  it('should say that a post being published keeps going, and not cancel it', async () => {
    const { service, scheduler } = setup({ deletedPostIds: [], deletedCommentCount: 0, publishingPostIds: ['p3'] });

    const answer = await service.delete('org-1', 'int-1');

    expect(answer).toMatchObject({ deleted: true, posts: 0, publishing: ['p3'] });
    expect(answer.warning).toMatch(/p3 were being published.*finish on the network/);
    expect(scheduler.cancel).not.toHaveBeenCalled();
  });

  it("should answer 404 for a channel that is not the organization's", async () => {
    const error: unknown = await setup(null).service.delete('org-1', 'int-x').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
