// Herald's rules for what docker-compose.yml configures: the Temporal set-up (dynamic config,
// versions, scripts, namespace, search attributes, database and index), the environment Herald
// reads and its secrets, one process per container. Each rule returns its problems as sentences.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type Rule, commandLine, dependenciesOf, environmentOf, imageTag, mountsOf } from './compose-model';
import { byRole, roleOf, services } from './compose-roles';

export const configRules: Rule[] = [
  {
    title: 'the Temporal server reads its dynamic config from an absolute path inside the mounted dynamicconfig/ folder, at a file that exists',
    check: ({ compose, root }) => {
      const servers = byRole(compose, 'temporal-server');
      if (servers.length === 0) return ['no temporalio/server service'];
      return servers.flatMap(([name, service]) => {
        const file = environmentOf(service).DYNAMIC_CONFIG_FILE_PATH;
        if (!file) return [`${name}: DYNAMIC_CONFIG_FILE_PATH is not set (the image would read its own docker.yaml)`];
        if (!path.posix.isAbsolute(file)) return [`${name}: DYNAMIC_CONFIG_FILE_PATH ${file} is relative; give the absolute container path`];
        const mount = mountsOf(service).find((m) => m.source.startsWith('.') && file.startsWith(`${m.target.replace(/\/$/, '')}/`));
        if (!mount) return [`${name}: DYNAMIC_CONFIG_FILE_PATH ${file} is not inside a folder mounted from the repository`];
        const onHost = path.join(root, mount.source, path.posix.relative(mount.target, file));
        if (path.relative(root, path.join(root, mount.source)) !== 'dynamicconfig') {
          return [`${name}: DYNAMIC_CONFIG_FILE_PATH is in a mount of ${mount.source}, not of ./dynamicconfig`];
        }
        return existsSync(onHost) ? [] : [`${name}: DYNAMIC_CONFIG_FILE_PATH ${file} is ${path.relative(root, onHost)} in the repository, which does not exist`];
      });
    },
  },
  {
    title: 'the Temporal server and every admin-tools service use the same pinned version',
    check: ({ compose }) => {
      const [server] = byRole(compose, 'temporal-server');
      if (!server) return ['no temporalio/server service'];
      const version = imageTag(server[1].image);
      const problems = /^\d+\.\d+\.\d+$/.test(version) ? [] : [`${server[0]}: image ${server[1].image} is not pinned to a version`];
      for (const [name, service] of byRole(compose, 'temporal-admin-tools')) {
        if (imageTag(service.image) !== version) problems.push(`${name}: image ${service.image} differs from the server's ${server[1].image}; the schema tool must match the server`);
      }
      return problems;
    },
  },
  {
    title: 'scripts mounted from deploy/ exist, run through sh, and parse as POSIX sh (sh -n)',
    check: ({ compose, root }) =>
      services(compose).flatMap(([name, service]) => {
        const mounts = mountsOf(service).filter((m) => m.source.replace(/^\.\//, '').startsWith('deploy'));
        const problems: string[] = [];
        for (const mount of mounts) {
          if (!existsSync(path.join(root, mount.source))) problems.push(`${name}: mounts ${mount.source}, which does not exist`);
        }
        const args = [service.entrypoint, service.command].flatMap((v) => (Array.isArray(v) ? v : v ? v.split(/\s+/) : []));
        for (const arg of args) {
          const mount = mounts.find((m) => arg.startsWith(`${m.target.replace(/\/$/, '')}/`));
          if (!mount) continue;
          const file = path.join(root, mount.source, path.posix.relative(mount.target, arg));
          if (!existsSync(file)) {
            problems.push(`${name}: runs ${arg}, which is ${path.relative(root, file)} in the repository and does not exist`);
            continue;
          }
          // A bind mount keeps the host's file mode, so the script is handed to sh, not executed.
          if (args[0] !== 'sh') problems.push(`${name}: runs ${arg} without sh; start it as ["sh", "${arg}"]`);
          const text = readFileSync(file, 'utf8');
          if (!text.startsWith('#!/bin/sh\n')) problems.push(`${name}: ${path.relative(root, file)} does not start with #!/bin/sh (the admin-tools image has no bash)`);
          try {
            execFileSync('sh', ['-n', file], { stdio: ['ignore', 'pipe', 'pipe'] });
          } catch (error) {
            problems.push(`${name}: ${path.relative(root, file)} is not valid POSIX sh: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`);
          }
        }
        return problems;
      }),
  },
  {
    title: "the namespace job registers Herald's search attributes, with the types libs/contracts declares",
    check: ({ root }) => {
      const declared = [...readFileSync(path.join(root, 'libs/contracts/src/search-attributes.ts'), 'utf8').matchAll(/\{\s*name:\s*'(\w+)',\s*type:\s*'(\w+)'\s*\}/g)]
        .map((m) => `${m[1]}:${m[2]}`)
        .sort();
      const script = readFileSync(path.join(root, 'deploy/temporal/setup-namespace.sh'), 'utf8');
      const registered = (/^ATTRIBUTES="([^"]*)"/m.exec(script)?.[1] ?? '').split(/\s+/).filter(Boolean).sort();
      if (declared.length === 0) return ['found no SEARCH_ATTRIBUTE_DEFINITIONS in libs/contracts/src/search-attributes.ts'];
      return JSON.stringify(declared) === JSON.stringify(registered)
        ? []
        : [`deploy/temporal/setup-namespace.sh registers ${registered.join(' ') || 'nothing'}, libs/contracts declares ${declared.join(' ')}`];
    },
  },
  {
    title: 'Herald reaches the Temporal server, in the namespace the setup job prepares and the UI shows',
    check: ({ compose }) => {
      const servers = new Set(byRole(compose, 'temporal-server').map(([name]) => name));
      const setupJobs = byRole(compose, 'temporal-admin-tools').filter(([, s]) => /setup-namespace\.sh/.test(commandLine(s)));
      if (setupJobs.length !== 1) return [`expected one admin-tools job running setup-namespace.sh, found ${setupJobs.length}`];
      const namespace = environmentOf(setupJobs[0]![1]).TEMPORAL_NAMESPACE ?? 'default';
      const problems: string[] = [];
      for (const [name, service] of services(compose)) {
        const role = roleOf(service);
        const env = environmentOf(service);
        if (role === 'herald-api' || role === 'herald-worker') {
          if (env.TEMPORAL_NAMESPACE !== namespace) problems.push(`${name}: TEMPORAL_NAMESPACE ${env.TEMPORAL_NAMESPACE ?? '(unset)'} is not the namespace ${setupJobs[0]![0]} creates (${namespace})`);
          const job = setupJobs[0]![0];
          if (dependenciesOf(service)[job]?.condition !== 'service_completed_successfully') problems.push(`${name}: does not wait for ${job} to complete; it would start before its namespace and search attributes exist`);
        }
        if (role === 'temporal-ui' && env.TEMPORAL_DEFAULT_NAMESPACE !== undefined && env.TEMPORAL_DEFAULT_NAMESPACE !== namespace) {
          problems.push(`${name}: TEMPORAL_DEFAULT_NAMESPACE ${env.TEMPORAL_DEFAULT_NAMESPACE} is not ${namespace}`);
        }
        // The schema job talks to Postgres and Elasticsearch only; every other client names the server.
        if (['herald-api', 'herald-worker', 'temporal-ui'].includes(role) || (role === 'temporal-admin-tools' && 'TEMPORAL_ADDRESS' in env)) {
          const host = (env.TEMPORAL_ADDRESS ?? '').split(':')[0] ?? '';
          if (!servers.has(host)) problems.push(`${name}: TEMPORAL_ADDRESS ${env.TEMPORAL_ADDRESS ?? '(unset)'} is not the Temporal server service`);
        }
      }
      return problems;
    },
  },
  {
    title: "Temporal's server and schema job agree on its database and visibility index, and Herald's DATABASE_URL matches herald-postgres",
    check: ({ compose }) => {
      const problems: string[] = [];
      const server = byRole(compose, 'temporal-server')[0];
      const schemaJob = byRole(compose, 'temporal-admin-tools').find(([, s]) => /setup-schema\.sh/.test(commandLine(s)));
      if (!server || !schemaJob) return ['expected the Temporal server and an admin-tools job running setup-schema.sh'];
      const s = environmentOf(server[1]);
      const j = environmentOf(schemaJob[1]);
      const db = compose.services[s.POSTGRES_SEEDS ?? ''];
      const dbEnv = db ? environmentOf(db) : {};
      const same: Array<[string, string | undefined, string, string | undefined]> = [
        ['server ES_VIS_INDEX', s.ES_VIS_INDEX, 'schema job ES_VISIBILITY_INDEX', j.ES_VISIBILITY_INDEX],
        ['server POSTGRES_SEEDS', s.POSTGRES_SEEDS, 'schema job SQL_HOST', j.SQL_HOST],
        ['server POSTGRES_USER', s.POSTGRES_USER, 'schema job SQL_USER', j.SQL_USER],
        ['server POSTGRES_PWD', s.POSTGRES_PWD, 'schema job SQL_PASSWORD', j.SQL_PASSWORD],
        ['server DBNAME', s.DBNAME ?? 'temporal', 'schema job SQL_DATABASE', j.SQL_DATABASE ?? 'temporal'],
        ['server POSTGRES_PWD', s.POSTGRES_PWD, `${s.POSTGRES_SEEDS} POSTGRES_PASSWORD`, dbEnv.POSTGRES_PASSWORD],
      ];
      for (const [a, av, b, bv] of same) if (av !== bv) problems.push(`${a} (${av ?? 'unset'}) differs from ${b} (${bv ?? 'unset'})`);
      const heraldDb = compose.services['herald-postgres'];
      const pg = heraldDb ? environmentOf(heraldDb) : {};
      for (const [name, service] of services(compose)) {
        const url = environmentOf(service).DATABASE_URL;
        if (!url) continue;
        const expected = `postgresql://${pg.POSTGRES_USER}:${pg.POSTGRES_PASSWORD}@herald-postgres:5432/${pg.POSTGRES_DB}`;
        if (url !== expected) problems.push(`${name}: DATABASE_URL ${url} does not match herald-postgres (${expected})`);
      }
      return problems;
    },
  },
  {
    title: 'secrets without a safe default are required from the environment: HERALD_ENCRYPTION_KEY everywhere, MEDIA_PUBLIC_URL on the API',
    check: ({ compose }) =>
      services(compose).flatMap(([name, service]) => {
        const env = environmentOf(service);
        const required = ['HERALD_ENCRYPTION_KEY', ...(roleOf(service) === 'herald-api' ? ['MEDIA_PUBLIC_URL'] : [])];
        if (roleOf(service) === 'herald-api' || roleOf(service) === 'herald-worker') {
          for (const key of required) if (!(key in env)) return [`${name}: ${key} is not passed`];
        }
        return required
          .filter((key) => key in env && !env[key]!.startsWith(`\${${key}:?`))
          .map((key) => `${name}: ${key} is ${env[key]}; it must be \${${key}:?message}, required and never defaulted`);
      }),
  },
  {
    title: "Herald's services set only variables Herald reads (libs/config), and the API listens on every interface",
    check: ({ compose, root }) => {
      const dir = path.join(root, 'libs/config/src');
      const known = new Set(
        readdirSync(dir)
          .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
          .flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s*([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!)),
      );
      const problems: string[] = [];
      for (const [name, service] of services(compose)) {
        const role = roleOf(service);
        if (role !== 'herald-api' && role !== 'herald-worker' && role !== 'herald-migrate') continue;
        for (const key of Object.keys(environmentOf(service))) if (!known.has(key)) problems.push(`${name}: sets ${key}, which Herald does not read (libs/config/src)`);
        if (role === 'herald-api' && environmentOf(service).HOST !== '0.0.0.0') problems.push(`${name}: HOST is ${environmentOf(service).HOST ?? 'unset'}; in a container the API must listen on 0.0.0.0`);
      }
      return problems;
    },
  },
  {
    title: 'deploy/env.example lists every variable docker-compose.yml reads',
    check: ({ compose, root }) => {
      const example = readFileSync(path.join(root, 'deploy/env.example'), 'utf8');
      const listed = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
      const read = new Set<string>();
      const walk = (v: unknown): void => {
        if (typeof v === 'string') for (const m of v.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) read.add(m[1]!);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(compose);
      return [...read].filter((name) => !listed.has(name)).map((name) => `docker-compose.yml reads \${${name}}, which deploy/env.example does not list`);
    },
  },
  {
    title: "Herald's API, workers and migration job each run one node process, from the same image",
    check: ({ compose }) => {
      const herald = services(compose).filter(([, s]) => ['herald-api', 'herald-worker', 'herald-migrate'].includes(roleOf(s)));
      const images = new Set(herald.map(([, s]) => s.image));
      const problems = images.size === 1 ? [] : [`Herald's services use different images: ${[...images].join(', ')}`];
      for (const [name, service] of services(compose)) {
        const command = commandLine(service);
        if (/\b(pm2|supervisord|forever|nodemon|concurrently|s6-svscan)\b|&&|;|\bnpm (start|run)\b/.test(command)) {
          problems.push(`${name}: \`${command}\` is not a single process; one process per container, the restart policy supervises it`);
        }
      }
      for (const [name, service] of herald) {
        const command = Array.isArray(service.command) ? service.command : [];
        if (command[0] !== 'node') problems.push(`${name}: command ${JSON.stringify(service.command)} is not an exec-form ["node", …] (a shell in between would swallow SIGTERM)`);
      }
      return problems;
    },
  },
];
