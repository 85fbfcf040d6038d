// The production stack, checked without a Docker engine: docker-compose.yml against the Compose
// Specification's schema, then Herald's own rules (stack-rules.ts, config-rules.ts,
// dockerfile-rules.ts). The last block breaks copies of the files on purpose, to show that each
// rule really fails.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Compose, type Rule, type RuleContext } from './compose-model';
import { composeRules } from './compose-rules';
import { COMPOSE_GO_MODULE, COMPOSE_GO_VERSION, interpolate, loadComposeSpecSchema, parseCompose, validateAgainstComposeSpec } from './compose-schema';
import { dockerfileRules } from './dockerfile-rules';

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

function loadContext(): RuleContext {
  return {
    compose: parseCompose(read('docker-compose.yml')) as Compose,
    root,
    dockerfile: read('Dockerfile'),
    dockerignore: read('.dockerignore'),
  };
}

/** A copy of the real context whose compose file (or Dockerfile) a test may break. */
function brokenContext(breakIt: (context: RuleContext) => void): RuleContext {
  const context = { ...loadContext() };
  context.compose = structuredClone(context.compose);
  breakIt(context);
  return context;
}

function rule(rules: Rule[], titleStart: string): Rule {
  const found = rules.find((r) => r.title.startsWith(titleStart));
  if (!found) throw new Error(`no rule titled "${titleStart}…"`);
  return found;
}

describe('docker-compose.yml', () => {
  let schema: Record<string, unknown>;

  beforeAll(() => {
    schema = loadComposeSpecSchema();
  }, 180_000);

  it(`should be valid against the Compose Specification schema (${COMPOSE_GO_MODULE}@${COMPOSE_GO_VERSION})`, () => {
    const compose = interpolate(loadContext().compose);
    expect(validateAgainstComposeSpec(schema, compose)).toEqual([]);
  });

  it('should report a key the Compose Specification does not know, and a value of the wrong type', () => {
    const compose = interpolate(loadContext().compose);
    (compose.services['herald-api'] as Record<string, unknown>).helthcheck = { test: ['CMD', 'true'] };
    (compose.services['herald-worker'] as Record<string, unknown>).stop_grace_period = { seconds: 45 };

    const errors = validateAgainstComposeSpec(schema, compose);

    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/services\/herald-api .*helthcheck/),
        expect.stringMatching(/^\/services\/herald-worker\/stop_grace_period must be string/),
      ]),
    );
  });

  it('should say where the schema comes from when Go is missing', () => {
    expect(() => loadComposeSpecSchema({ PATH: '/nonexistent' })).toThrow(
      /Cannot get the Compose Specification schema from the Go module github\.com\/compose-spec\/compose-go\/v2@v\d.*`go` command is not installed/,
    );
  });

  describe("Herald's rules", () => {
    it.each(composeRules.map((r) => [r.title, r] as const))('%s', (_title, r) => {
      expect(r.check(loadContext())).toEqual([]);
    });
  });
});

describe('Dockerfile', () => {
  it.each(dockerfileRules.map((r) => [r.title, r] as const))('%s', (_title, r) => {
    expect(r.check(loadContext())).toEqual([]);
  });
});

describe('the rules, on broken copies of the files', () => {
  it('should name a dependency that only waits for a container to start', () => {
    const context = brokenContext(({ compose }) => {
      compose.services['herald-api']!.depends_on = { ...(compose.services['herald-api']!.depends_on as object), 'temporal-setup': { condition: 'service_started' } };
    });
    expect(rule(composeRules, 'every depends_on waits').check(context)).toEqual([expect.stringMatching(/^herald-api: waits for temporal-setup with service_started/)]);
  });

  it('should name the short depends_on form', () => {
    const context = brokenContext(({ compose }) => {
      compose.services['herald-migrate']!.depends_on = ['herald-postgres'];
    });
    expect(rule(composeRules, 'every depends_on waits').check(context)).toEqual([expect.stringMatching(/^herald-migrate: depends_on uses the short form/)]);
  });

  it('should name a waited-for service whose healthcheck is missing or only checks liveness', () => {
    const context = brokenContext(({ compose }) => {
      delete compose.services['herald-postgres']!.healthcheck;
      compose.services['herald-redis']!.healthcheck = { test: ['CMD', 'true'] };
    });
    expect(rule(composeRules, 'a service waited for with service_healthy').check(context)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^herald-postgres: has no healthcheck; expected pg_isready/),
        expect.stringMatching(/^herald-redis: healthcheck `true` does not test readiness; expected redis-cli ping/),
      ]),
    );
  });

  it('should refuse waiting on the Temporal server itself, whose healthcheck only sees a port', () => {
    const context = brokenContext(({ compose }) => {
      compose.services['temporal-setup']!.depends_on = { temporal: { condition: 'service_healthy' } };
    });
    expect(rule(composeRules, 'a service waited for with service_healthy').check(context)).toEqual([expect.stringMatching(/^temporal: .*wait for temporal-admin-tools/)]);
  });

  it("should name an API healthcheck that asks /live instead of /ready, and an admin-tools one that does not look for SERVING", () => {
    const context = brokenContext(({ compose }) => {
      compose.services['herald-api']!.healthcheck = { test: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:3000/api/health/live')"] };
      compose.services['temporal-admin-tools']!.healthcheck = { test: ['CMD', 'temporal', 'operator', 'cluster', 'health'] };
    });
    expect(rule(composeRules, 'the services the stack relies on').check(context)).toEqual([
      expect.stringMatching(/^herald-api: healthcheck .*\/api\/health\/live.* expected GET \/api\/health\/ready/),
      expect.stringMatching(/^temporal-admin-tools: healthcheck .* expected .*SERVING/),
    ]);
  });

  it('should name a missing restart policy, and a job that would restart forever', () => {
    const context = brokenContext(({ compose }) => {
      delete compose.services['herald-redis']!.restart;
      compose.services['temporal-schema']!.restart = 'unless-stopped';
    });
    expect(rule(composeRules, 'every service has a restart policy').check(context)).toEqual([
      'herald-redis: no restart policy',
      'temporal-schema: a one-shot job with restart unless-stopped; use on-failure',
    ]);
    expect(rule(composeRules, 'a service waited for with service_completed_successfully').check(context)).toEqual([
      expect.stringMatching(/^temporal-schema: others wait for it to complete/),
    ]);
  });

  it('should name a relative or missing DYNAMIC_CONFIG_FILE_PATH', () => {
    const relative = brokenContext(({ compose }) => {
      (compose.services.temporal!.environment as Record<string, string>).DYNAMIC_CONFIG_FILE_PATH = 'config/dynamicconfig/development-sql.yaml';
    });
    const missing = brokenContext(({ compose }) => {
      (compose.services.temporal!.environment as Record<string, string>).DYNAMIC_CONFIG_FILE_PATH = '/etc/temporal/config/dynamicconfig/docker.yaml';
    });
    const dynamicConfig = rule(composeRules, 'the Temporal server reads its dynamic config');
    expect(dynamicConfig.check(relative)).toEqual([expect.stringMatching(/^temporal: DYNAMIC_CONFIG_FILE_PATH config\/.* is relative/)]);
    expect(dynamicConfig.check(missing)).toEqual([expect.stringMatching(/^temporal: .*dynamicconfig\/docker\.yaml in the repository, which does not exist/)]);
  });

  it('should name an admin-tools image whose version differs from the server', () => {
    const context = brokenContext(({ compose }) => {
      compose.services['temporal-setup']!.image = 'temporalio/admin-tools:1.29.1';
    });
    expect(rule(composeRules, 'the Temporal server and every admin-tools').check(context)).toEqual([expect.stringMatching(/^temporal-setup: image temporalio\/admin-tools:1\.29\.1 differs/)]);
  });

  it('should name what keeps the worker from scaling or draining', () => {
    const context = brokenContext(({ compose }) => {
      Object.assign(compose.services['herald-worker']!, { container_name: 'herald-worker', ports: ['9464:9464'], stop_grace_period: '10s' });
    });
    expect(rule(composeRules, 'the worker service can scale').check(context)).toEqual([
      expect.stringMatching(/^herald-worker: container_name/),
      expect.stringMatching(/^herald-worker: publishes ports/),
      expect.stringMatching(/^herald-worker: stop_grace_period 10s is under 45s/),
    ]);
  });

  it('should name Spotlight outside a profile, a Temporal UI open to the network and a published database', () => {
    const context = brokenContext(({ compose }) => {
      delete compose.services.spotlight!.profiles;
      compose.services['temporal-ui']!.ports = ['8080:8080'];
      compose.services['herald-postgres']!.ports = ['5432:5432'];
    });
    expect(rule(composeRules, 'the stack has its services').check(context)).toEqual(['spotlight: not behind a profile; it is an optional debugger']);
    expect(rule(composeRules, 'ports:').check(context)).toEqual([
      expect.stringMatching(/^herald-postgres: publishes 5432/),
      expect.stringMatching(/^temporal-ui: port 8080 is open to the network/),
    ]);
  });

  it('should name a deploy script that does not exist or is not POSIX sh', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'herald-compose-'));
    try {
      cpSync(path.join(root, 'deploy'), path.join(dir, 'deploy'), { recursive: true });
      writeFileSync(path.join(dir, 'deploy/temporal/setup-schema.sh'), '#!/bin/sh\nif [ -n "$X" ]; then\n  echo unterminated\n');
      const context = brokenContext((c) => {
        c.root = dir;
        c.compose.services['temporal-setup']!.command = ['sh', '/herald/setup-namespaces.sh'];
      });
      expect(rule(composeRules, 'scripts mounted from deploy/').check(context)).toEqual([
        expect.stringMatching(/^temporal-schema: deploy\/temporal\/setup-schema\.sh is not valid POSIX sh/),
        expect.stringMatching(/^temporal-setup: runs \/herald\/setup-namespaces\.sh, which is deploy\/temporal\/setup-namespaces\.sh .* does not exist/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should name a defaulted encryption key, a namespace mismatch, a variable Herald does not read and one env.example does not list', () => {
    const context = brokenContext(({ compose }) => {
      const api = compose.services['herald-api']!.environment as Record<string, string>;
      api.HERALD_ENCRYPTION_KEY = '${HERALD_ENCRYPTION_KEY:-changeme}';
      api.TEMPORAL_NAMESPACE = 'herald';
      api.UPLOAD_DIRECTORY = '/data/uploads';
      api.SWEEP_INTERVAL_MS = '${HERALD_SWEEP_INTERVAL:-60000}';
    });
    expect(rule(composeRules, 'secrets without a safe default').check(context)).toEqual([expect.stringMatching(/^herald-api: HERALD_ENCRYPTION_KEY is \$\{HERALD_ENCRYPTION_KEY:-changeme\}/)]);
    expect(rule(composeRules, 'Herald reaches the Temporal server').check(context)).toEqual([expect.stringMatching(/^herald-api: TEMPORAL_NAMESPACE herald is not the namespace temporal-setup creates \(\$\{TEMPORAL_NAMESPACE:-default\}\)/)]);
    expect(rule(composeRules, "Herald's services set only variables").check(context)).toEqual(['herald-api: sets UPLOAD_DIRECTORY, which Herald does not read (libs/config/src)']);
    expect(rule(composeRules, 'deploy/env.example lists').check(context)).toEqual(['docker-compose.yml reads ${HERALD_SWEEP_INTERVAL}, which deploy/env.example does not list']);
  });

  it('should name an Alpine base, a missing build step and a root user in the Dockerfile', () => {
    const context = brokenContext((c) => {
      c.dockerfile = c.dockerfile
        .replace('ARG NODE_IMAGE=node:20.20-bookworm-slim', 'ARG NODE_IMAGE=node:20-alpine')
        .replace(/ && node scripts\/build\.mjs \\\n/, ' \\\n')
        .replace(/^USER node$/m, '');
    });
    expect(rule(dockerfileRules, "Herald's image is built from Node 20 on Debian").check(context)).toEqual([
      'FROM node:20-alpine is not node:20…-bookworm-slim (Alpine is musl)',
      'FROM node:20-alpine is not node:20…-bookworm-slim (Alpine is musl)',
    ]);
    expect(rule(dockerfileRules, 'the image is built once').check(context)).toEqual(['no RUN does node scripts/build.mjs']);
    expect(rule(dockerfileRules, 'the final image runs as a non-root user').check(context)).toEqual(['the final stage runs as root (no USER)']);
  });

  it("should name a workspace package whose package.json the Dockerfile does not copy", () => {
    const context = brokenContext((c) => {
      c.dockerfile = c.dockerfile.replace(/^COPY libs\/providers\/package\.json libs\/providers\/\n/m, '');
    });
    expect(rule(dockerfileRules, "every workspace package's package.json").check(context)).toEqual(['libs/providers/package.json is not copied before pnpm install']);
  });
});
