// Herald's rules for docker-compose.yml's start order and lifecycle: every wait is for readiness
// or a finished job, readiness checks test readiness, restart policies, the scalable worker, the
// images and the published ports. Each rule returns its problems as sentences naming the service.
import { type Rule, dependenciesOf, durationSeconds, environmentOf, publishedPorts } from './compose-model';
import { type Role, WAIT_CONDITIONS, byRole, oneShotJobs, readinessProblem, roleOf, services, waitedFor } from './compose-roles';

export const stackRules: Rule[] = [
  {
    title: 'every service named in depends_on exists, and none outside a profile depends on one inside a profile',
    check: ({ compose }) =>
      services(compose).flatMap(([name, service]) =>
        Object.keys(dependenciesOf(service)).flatMap((dep) => {
          const target = compose.services[dep];
          if (!target) return [`${name}: depends on ${dep}, which is not a service`];
          if (target.profiles?.length && !service.profiles?.length) {
            return [`${name}: depends on ${dep}, which only runs with --profile ${target.profiles.join('/')}`];
          }
          return [];
        }),
      ),
  },
  {
    title: 'every depends_on waits for readiness or for a job to succeed (service_healthy or service_completed_successfully)',
    check: ({ compose }) =>
      services(compose).flatMap(([name, service]) => {
        if (Array.isArray(service.depends_on)) {
          return [`${name}: depends_on uses the short form, which only waits for the containers to start; give each a condition`];
        }
        return Object.entries(dependenciesOf(service))
          .filter(([, spec]) => !WAIT_CONDITIONS.includes(spec.condition ?? 'service_started'))
          .map(([dep, spec]) => `${name}: waits for ${dep} with ${spec.condition ?? 'no condition'}, which is only "the container started"; use ${WAIT_CONDITIONS.join(' or ')}`);
      }),
  },
  {
    title: 'a service waited for with service_healthy has a healthcheck that tests its readiness',
    check: ({ compose }) =>
      [...waitedFor(compose, 'service_healthy')].flatMap((name) => {
        const service = compose.services[name];
        const problem = service && readinessProblem(name, service);
        return problem ? [problem] : [];
      }),
  },
  {
    title: 'the services the stack relies on test readiness: pg_isready, redis-cli ping, Elasticsearch health, Temporal cluster health SERVING, the UI /healthz, the API /api/health/ready',
    check: ({ compose }) => {
      const required: Role[] = ['postgres', 'redis', 'elasticsearch', 'temporal-admin-tools', 'temporal-ui', 'herald-api'];
      const problems = required.filter((role) => byRole(compose, role).length === 0).map((role) => `no ${role} service in the stack`);
      for (const [name, service] of services(compose)) {
        if (!required.includes(roleOf(service)) || oneShotJobs(compose).has(name)) continue;
        const problem = readinessProblem(name, service);
        if (problem) problems.push(problem);
      }
      return problems;
    },
  },
  {
    title: 'a service waited for with service_completed_successfully is a one-shot job (restart on-failure)',
    check: ({ compose }) =>
      [...waitedFor(compose, 'service_completed_successfully')]
        .filter((name) => compose.services[name] && !/^on-failure(:\d+)?$/.test(compose.services[name]!.restart ?? ''))
        .map((name) => `${name}: others wait for it to complete, but its restart policy is ${compose.services[name]!.restart ?? 'unset'}; a job uses on-failure (a long-running service never completes)`),
  },
  {
    title: 'every service has a restart policy: unless-stopped or always when long-running, on-failure for one-shot jobs',
    check: ({ compose }) => {
      const jobs = oneShotJobs(compose);
      return services(compose).flatMap(([name, service]) => {
        const restart = service.restart;
        if (!restart) return [`${name}: no restart policy`];
        if (jobs.has(name)) return /^on-failure(:\d+)?$/.test(restart) ? [] : [`${name}: a one-shot job with restart ${restart}; use on-failure`];
        return ['unless-stopped', 'always'].includes(restart) ? [] : [`${name}: long-running with restart ${restart}; use unless-stopped or always`];
      });
    },
  },
  {
    title: 'the worker service can scale: no container_name, no published ports, and a stop grace of at least 45 s, beyond its drain',
    check: ({ compose }) => {
      const workers = byRole(compose, 'herald-worker');
      if (workers.length === 0) return ['no service runs apps/worker/dist/main.js'];
      return workers.flatMap(([name, service]) => {
        const problems: string[] = [];
        if (service.container_name) problems.push(`${name}: container_name ${service.container_name} allows one container only; --scale needs it gone`);
        if (publishedPorts(service).length) problems.push(`${name}: publishes ports, which would clash between replicas; workers need none`);
        const grace = durationSeconds(service.stop_grace_period);
        const drain = Number(environmentOf(service).WORKER_SHUTDOWN_GRACE_MS ?? 30_000) / 1000;
        if (!(grace >= 45)) problems.push(`${name}: stop_grace_period ${service.stop_grace_period ?? 'unset (10s)'} is under 45s; workers drain running activities on SIGTERM`);
        else if (!(grace >= drain + 10)) problems.push(`${name}: stop_grace_period ${service.stop_grace_period} leaves under 10 s after WORKER_SHUTDOWN_GRACE_MS (${drain} s)`);
        return problems;
      });
    },
  },
  {
    title: 'the stack has its services at the required images: Postgres 17, Redis 7.2, Postgres 16 and Elasticsearch 7.17 for Temporal, the Temporal UI, and Spotlight behind a profile',
    check: ({ compose }) => {
      const expected: Array<[string, RegExp]> = [
        ['herald-postgres', /^postgres:17(\D|$)/],
        ['herald-redis', /^redis:7\.2(\D|$)/],
        ['temporal-postgresql', /^postgres:16(\D|$)/],
        ['temporal-elasticsearch', /^elasticsearch:7\.17\.\d+$/],
        ['temporal', /^temporalio\/server:\d/],
        ['temporal-admin-tools', /^temporalio\/admin-tools:\d/],
        ['temporal-ui', /^temporalio\/ui:\d/],
        ['spotlight', /^ghcr\.io\/getsentry\/spotlight(:|$)/],
      ];
      const problems = expected.flatMap(([name, image]) => {
        const service = compose.services[name];
        if (!service) return [`no ${name} service`];
        return image.test(service.image ?? '') ? [] : [`${name}: image ${service.image ?? '(none)'} is not ${image.source}`];
      });
      for (const role of ['herald-api', 'herald-worker', 'herald-migrate'] as const) {
        if (byRole(compose, role).length !== 1) problems.push(`expected one ${role} service, found ${byRole(compose, role).length}`);
      }
      const spotlight = compose.services.spotlight;
      if (spotlight && !spotlight.profiles?.length) problems.push('spotlight: not behind a profile; it is an optional debugger');
      return problems;
    },
  },
  {
    title: 'ports: the API on 3000, the Temporal UI on 8080 and Spotlight on 8969 (both localhost only), and nothing else published',
    check: ({ compose }) => {
      const wanted: Partial<Record<Role, { port: string; localOnly: boolean }>> = {
        'herald-api': { port: '3000', localOnly: false },
        'temporal-ui': { port: '8080', localOnly: true },
        spotlight: { port: '8969', localOnly: true },
      };
      return services(compose).flatMap(([name, service]) => {
        const want = wanted[roleOf(service)];
        const ports = publishedPorts(service);
        if (!want) return ports.length ? [`${name}: publishes ${ports.map((p) => p.host).join(', ')}; only the API, the UI and Spotlight are reached from outside`] : [];
        const match = ports.find((p) => p.container === want.port && p.host === want.port);
        if (!match) return [`${name}: does not publish port ${want.port}`];
        if (want.localOnly && match.hostIp !== '127.0.0.1') return [`${name}: port ${want.port} is open to the network; it has no login, bind it to 127.0.0.1`];
        return [];
      });
    },
  },
];
