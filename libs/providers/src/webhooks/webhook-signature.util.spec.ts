import { signWebhookBody } from './webhook-signature.util';

describe(signWebhookBody.name, () => {
  it('should sign "<timestamp>.<body>" with the secret as HMAC-SHA256 in hex', () => {
    // Computed independently: printf '%s' '1767000000.{"event":"post.published"}' | openssl dgst -sha256 -hmac 's3cr3t'
    const signature = signWebhookBody('s3cr3t', 1767000000, '{"event":"post.published"}');

    expect(signature).toBe('sha256=dc5bed12b5d0268c23e6b879753ac9eb8c2996ce06bbeba1a681e210c9b48ad8');
  });

  it('should change with the timestamp, the body and the secret', () => {
    const base = signWebhookBody('secret-a', 100, '{}');

    expect(signWebhookBody('secret-a', 101, '{}')).not.toBe(base);
    expect(signWebhookBody('secret-a', 100, '{ }')).not.toBe(base);
    expect(signWebhookBody('secret-b', 100, '{}')).not.toBe(base);
  });
});
