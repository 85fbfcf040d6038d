import { checkWebhookUrl } from './webhook-url.policy';

const publicOnly = { allowedOrigins: [] as string[] };
const resolvesTo = (...addresses: string[]) => () =>
  Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) })));

describe(checkWebhookUrl.name, () => {
  it.each([
    ['not a url', 'must be an absolute http or https URL'],
    ['ftp://hooks.example.com/in', 'must use http or https'],
    ['file:///etc/passwd', 'must use http or https'],
    ['https://user:pass@hooks.example.com/in', 'must not carry a user name or password'],
  ])('should refuse %s because it %s', async (url, reason) => {
    expect(await checkWebhookUrl(url, publicOnly)).toEqual({ ok: false, reason, unresolved: false });
  });

  it.each([
    ['http://127.0.0.1:8080/in', 'a loopback address (this machine) (127.0.0.1)'],
    ['http://[::1]/in', 'a loopback address (this machine) (::1)'],
    ['http://[::ffff:10.0.0.1]/in', 'a private network address (::ffff:a00:1)'],
    ['http://169.254.169.254/latest/meta-data', 'a link-local address (169.254.169.254)'],
    ['http://192.168.1.20/in', 'a private network address (192.168.1.20)'],
  ])('should refuse %s, which points at %s', async (url, what) => {
    const check = await checkWebhookUrl(url, publicOnly);

    expect(check).toMatchObject({ ok: false, unresolved: false });
    expect(check.ok || check.reason).toBe(`points at ${what}: Herald calls webhooks on public addresses only, unless their origin is in WEBHOOK_ALLOWED_ORIGINS`);
  });

  it('should refuse a name that resolves only to private addresses, naming the address', async () => {
    const check = await checkWebhookUrl('https://hooks.internal.test/in', { ...publicOnly, resolve: resolvesTo('10.1.2.3', 'fd00::1') });

    expect(check.ok || check.reason).toMatch(/^resolves to a private network address \(10\.1\.2\.3\)/);
  });

  it('should accept a name with a public answer and connect to that answer only', async () => {
    const check = await checkWebhookUrl('https://hooks.example.test/in?token=1', { ...publicOnly, resolve: resolvesTo('10.1.2.3', '93.184.216.34') });

    expect(check).toMatchObject({ ok: true, connectTo: { address: '93.184.216.34', family: 4 } });
    expect(check.ok && check.url.href).toBe('https://hooks.example.test/in?token=1');
  });

  it('should accept a private address when its origin is allowed, and that origin only', async () => {
    const policy = { allowedOrigins: ['http://127.0.0.1:4000/ignored-path'] };

    const allowed = await checkWebhookUrl('http://127.0.0.1:4000/hooks/a', policy);
    const otherPort = await checkWebhookUrl('http://127.0.0.1:4001/hooks/a', policy);
    const otherScheme = await checkWebhookUrl('https://127.0.0.1:4000/hooks/a', policy);

    expect(allowed).toMatchObject({ ok: true, connectTo: { address: '127.0.0.1', family: 4 } });
    expect(otherPort.ok).toBe(false);
    expect(otherScheme.ok).toBe(false);
  });

  it('should say when a host does not exist, and when DNS could not answer, as unresolved', async () => {
    const missing = Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    const flaky = Object.assign(new Error('timeout'), { code: 'EAI_AGAIN' });

    const gone = await checkWebhookUrl('https://gone.example.test/', { ...publicOnly, resolve: () => Promise.reject(missing) });
    const later = await checkWebhookUrl('https://flaky.example.test/', { ...publicOnly, resolve: () => Promise.reject(flaky) });

    expect(gone).toEqual({ ok: false, unresolved: true, reason: 'names a host that does not exist (gone.example.test)' });
    expect(later).toEqual({ ok: false, unresolved: true, reason: 'names a host that could not be resolved right now (flaky.example.test)' });
  });
});
