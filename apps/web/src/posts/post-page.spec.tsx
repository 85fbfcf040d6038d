/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { ApiContext } from '../api/api-context';
import { ApiError } from '../api/api-error';
import { aPost, createFakeApiClient } from '../testing/fake-api-client';
import { PostPage } from './post-page';

describe(PostPage.name, () => {
  afterEach(() => jest.restoreAllMocks());

  function renderPost(post = aPost()) {
    const api = createFakeApiClient();
    api.getPost.mockResolvedValue(post);
    render(
      <ApiContext.Provider value={api}>
        <PostPage id={post.id} timeZone="Europe/Paris" />
      </ApiContext.Provider>,
    );
    return api;
  }

  it('should show a failed post’s code and sentence, its time in the chosen zone and its workflow', async () => {
    renderPost(
      aPost({
        heraldState: 'ERROR',
        state: 'ERROR',
        errorCode: 'IDENTITY_CHECKPOINT',
        error: 'A Page admin must complete the identity verification in the Facebook app.',
      }),
    );

    expect((await screen.findByText('IDENTITY_CHECKPOINT')).parentElement?.textContent).toBe(
      'IDENTITY_CHECKPOINT: A Page admin must complete the identity verification in the Facebook app.',
    );
    expect(screen.getByText(/Failed/).textContent).toBe('Failed (ERROR)');
    expect(screen.getByText(/2026-03-25 10:00/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'post:post-1' }).getAttribute('href')).toContain('/workflows/post%3Apost-1');
  });

  it('should move the post to a time in the chosen zone', async () => {
    const api = renderPost();
    api.movePost.mockResolvedValue({ postId: 'post-1' });

    fireEvent.change(await screen.findByLabelText('New date'), { target: { value: '2026-03-30' } });
    fireEvent.change(screen.getByLabelText('New time'), { target: { value: '08:15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Move' }));

    expect((await screen.findByRole('status')).textContent).toBe('Moved to 2026-03-30T08:15:00+02:00.');
    expect(api.movePost).toHaveBeenCalledWith('post-1', '2026-03-30T08:15:00+02:00', 'Europe/Paris');
  });

  it('should show the API’s 409 when a post cannot be deleted', async () => {
    const api = renderPost(aPost({ heraldState: 'PUBLISHED', state: 'PUBLISHED', releaseURL: 'https://www.instagram.com/p/abc/' }));
    api.deletePost.mockRejectedValue(new ApiError(409, 'CONFLICT', 'post-1 is published and stays; nothing was deleted'));
    jest.spyOn(window, 'confirm').mockReturnValue(true);

    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));

    expect((await screen.findByRole('alert')).textContent).toBe('post-1 is published and stays; nothing was deleted (409 CONFLICT)');
    expect(screen.getByRole('link', { name: 'https://www.instagram.com/p/abc/' })).toBeTruthy();
  });

  it('should offer a published post no move, and publish it again only once the user confirms', async () => {
    const api = renderPost(aPost({ heraldState: 'PUBLISHED', state: 'PUBLISHED', releaseURL: 'https://www.facebook.com/1_2' }));
    api.publishNow.mockResolvedValue({ postId: 'post-1' });
    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);

    fireEvent.click(await screen.findByRole('button', { name: 'Publish again' }));
    const afterRefusal = api.publishNow.mock.calls.length;
    fireEvent.click(screen.getByRole('button', { name: 'Publish again' }));

    expect((await screen.findByRole('status')).textContent).toBe('Publishing again.');
    expect([afterRefusal, api.publishNow.mock.calls]).toEqual([0, [['post-1', true]]]);
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('button', { name: 'Move' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Publish now' })).toBeNull();
  });

  it('should offer nothing that changes a post while it is being published', async () => {
    renderPost(aPost({ heraldState: 'PUBLISHING', state: 'QUEUE' }));

    expect(await screen.findByText(/Being published now/)).toBeTruthy();
    expect(['Move', 'Publish now', 'Publish again'].map((name) => screen.queryByRole('button', { name }))).toEqual([null, null, null]);
  });

  it('should say what was deleted', async () => {
    const api = renderPost();
    api.deletePost.mockResolvedValue({ error: false, deleted: ['post-1', 'post-2'] });
    jest.spyOn(window, 'confirm').mockReturnValue(true);

    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));

    expect((await screen.findByRole('status')).textContent).toBe('Deleted 2 posts (the whole group).');
  });
});
