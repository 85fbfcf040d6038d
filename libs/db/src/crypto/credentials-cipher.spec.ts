import { randomBytes } from 'node:crypto';
import { CredentialsCipher } from './credentials-cipher';

describe(CredentialsCipher.name, () => {
  const key = randomBytes(32).toString('base64');

  it('should return the credentials it encrypted', () => {
    const cipher = new CredentialsCipher(key);
    const stored = cipher.encrypt({ accessToken: 'EAAB-secret' });
    expect(cipher.decrypt(stored)).toEqual({ accessToken: 'EAAB-secret' });
  });

  it('should not store the token in clear text', () => {
    const stored = new CredentialsCipher(key).encrypt({ accessToken: 'EAAB-secret' });
    expect(stored).not.toContain('EAAB-secret');
    expect(Buffer.from(stored.split('.')[3]!, 'base64url').toString()).not.toContain('EAAB');
  });

  it('should refuse ciphertext that was tampered with', () => {
    const cipher = new CredentialsCipher(key);
    const parts = cipher.encrypt({ accessToken: 'x' }).split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });

  it('should refuse another key', () => {
    const stored = new CredentialsCipher(key).encrypt({ accessToken: 'x' });
    expect(() => new CredentialsCipher(randomBytes(32).toString('base64')).decrypt(stored)).toThrow();
  });
});
