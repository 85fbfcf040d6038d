/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '../api/api-error';
import { SignInPage } from './sign-in-page';

describe(SignInPage.name, () => {
  it('should sign in with a key the API accepts', async () => {
    const onSignedIn = jest.fn();
    const listChannels = jest.fn().mockResolvedValue([]);
    render(<SignInPage onSignedIn={onSignedIn} clientFor={() => ({ listChannels })} />);

    fireEvent.change(screen.getByLabelText('Organization API key'), { target: { value: '  hk_good  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('button', { name: 'Sign in' });
    expect(onSignedIn).toHaveBeenCalledWith('hk_good');
  });

  it('should show the API’s answer to a key it refuses', async () => {
    const onSignedIn = jest.fn();
    const listChannels = jest.fn().mockRejectedValue(new ApiError(401, 'UNAUTHORIZED', 'Invalid API key'));
    render(<SignInPage onSignedIn={onSignedIn} clientFor={() => ({ listChannels })} />);

    fireEvent.change(screen.getByLabelText('Organization API key'), { target: { value: 'hk_bad' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Invalid API key');
    expect(onSignedIn).not.toHaveBeenCalled();
  });
});
