// What each compose service is (by its command or image), and the readiness check each kind
// needs: shared by the rules in stack-rules.ts and config-rules.ts.
import { type Compose, type Service, commandLine, dependenciesOf, healthcheckCommand, imageName } from './compose-model';

export type Role =
  | 'herald-api'
  | 'herald-worker'
  | 'herald-migrate'
  | 'postgres'
  | 'redis'
  | 'elasticsearch'
  | 'temporal-server'
  | 'temporal-admin-tools'
  | 'temporal-ui'
  | 'spotlight'
  | 'other';

/** What a service is, from what it runs: Herald's by its command, the others by their image. */
export function roleOf(service: Service): Role {
  const command = commandLine(service);
  if (/\bapps\/api\/dist\/main\.js\b/.test(command)) return 'herald-api';
  if (/\bapps\/worker\/dist\/main\.js\b/.test(command)) return 'herald-worker';
  if (/\bscripts\/db\/migrate\.mjs\b/.test(command)) return 'herald-migrate';
  const roles: Record<string, Role> = {
    postgres: 'postgres',
    redis: 'redis',
    elasticsearch: 'elasticsearch',
    'docker.elastic.co/elasticsearch/elasticsearch': 'elasticsearch',
    'temporalio/server': 'temporal-server',
    'temporalio/admin-tools': 'temporal-admin-tools',
    'temporalio/ui': 'temporal-ui',
    'ghcr.io/getsentry/spotlight': 'spotlight',
  };
  return roles[imageName(service.image)] ?? 'other';
}

/** The healthcheck that tests readiness, per role (all patterns must match). */
const READINESS: Partial<Record<Role, { patterns: RegExp[]; expected: string }>> = {
  postgres: { patterns: [/\bpg_isready\b/, /(^|\s)-h\s/], expected: 'pg_isready over TCP (-h): during first init the socket answers before the real server runs' },
  redis: { patterns: [/\bredis-cli\b.*\bping\b/i], expected: 'redis-cli ping' },
  elasticsearch: { patterns: [/_cluster\/health/], expected: 'GET /_cluster/health' },
  'temporal-admin-tools': {
    patterns: [/\btemporal operator cluster health\b/, /SERVING/],
    expected: '`temporal operator cluster health --address temporal:7233` reporting SERVING',
  },
  'temporal-ui': { patterns: [/\/healthz\b/], expected: 'GET /healthz' },
  'herald-api': { patterns: [/\/api\/health\/ready\b/], expected: 'GET /api/health/ready (Postgres, Redis and Temporal answer)' },
};

export const WAIT_CONDITIONS = ['service_healthy', 'service_completed_successfully'];

export function services(compose: Compose): Array<[string, Service]> {
  return Object.entries(compose.services ?? {});
}

export function byRole(compose: Compose, role: Role): Array<[string, Service]> {
  return services(compose).filter(([, s]) => roleOf(s) === role);
}

/** Services some other service waits for with the given condition. */
export function waitedFor(compose: Compose, condition: string): Set<string> {
  const names = new Set<string>();
  for (const [, service] of services(compose)) {
    for (const [dep, spec] of Object.entries(dependenciesOf(service))) if (spec.condition === condition) names.add(dep);
  }
  return names;
}

/** One-shot jobs: what others wait on to finish, and Herald's migration. */
export function oneShotJobs(compose: Compose): Set<string> {
  const jobs = waitedFor(compose, 'service_completed_successfully');
  for (const [name] of byRole(compose, 'herald-migrate')) jobs.add(name);
  return jobs;
}

export function readinessProblem(name: string, service: Service): string | undefined {
  const role = roleOf(service);
  const readiness = READINESS[role];
  const command = healthcheckCommand(service);
  if (role === 'temporal-server') {
    return `${name}: the Temporal server's own healthcheck can only see its port open (the image has no temporal CLI); wait for temporal-admin-tools (service_healthy) or the namespace job instead`;
  }
  if (!readiness) return `${name}: no readiness check is known for image ${service.image ?? '(built)'}; add one to compose-rules.ts`;
  if (!command) return `${name}: has no healthcheck; expected ${readiness.expected}`;
  if (!readiness.patterns.every((p) => p.test(command))) return `${name}: healthcheck \`${command}\` does not test readiness; expected ${readiness.expected}`;
  return undefined;
}
