// The parts of a compose file that Herald's rules read, and helpers to read them whichever of
// Compose's equivalent spellings a key uses (list or map, short or long syntax).

export type EnvValue = string | number | boolean | null;

export interface DependsOn {
  condition?: string;
  required?: boolean;
  restart?: boolean;
}

export interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

export interface LongPort {
  target: number | string;
  published?: number | string;
  host_ip?: string;
}

export interface LongVolume {
  type?: string;
  source?: string;
  target?: string;
  read_only?: boolean;
}

export interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, EnvValue> | string[];
  depends_on?: string[] | Record<string, DependsOn>;
  healthcheck?: Healthcheck;
  restart?: string;
  ports?: Array<string | number | LongPort>;
  volumes?: Array<string | LongVolume>;
  profiles?: string[];
  container_name?: string;
  stop_grace_period?: string;
  [key: string]: unknown;
}

export interface Compose {
  name?: string;
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What the rules look at: the compose file as parsed (variables not interpolated) and the repo. */
export interface RuleContext {
  compose: Compose;
  /** The repository root: scripts, mounted folders and Herald's sources are read from here. */
  root: string;
  dockerfile: string;
  dockerignore: string;
}

export interface Rule {
  /** A sentence: what must hold. */
  title: string;
  /** The problems found, each naming the service or line at fault; empty when the rule holds. */
  check(context: RuleContext): string[];
}

export function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** depends_on as a map; the short (list) form has no condition, i.e. "the container started". */
export function dependenciesOf(service: Service): Record<string, DependsOn> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, {}]));
  return deps;
}

export function healthcheckCommand(service: Service): string | undefined {
  const check = service.healthcheck;
  if (!check || check.disable || check.test === undefined) return undefined;
  const parts = Array.isArray(check.test) ? check.test : ['CMD-SHELL', check.test];
  if (parts[0] === 'NONE') return undefined;
  return parts.slice(parts[0] === 'CMD' || parts[0] === 'CMD-SHELL' ? 1 : 0).join(' ');
}

export function commandLine(service: Service): string {
  const join = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(' ') : (v ?? ''));
  return `${join(service.entrypoint)} ${join(service.command)}`.trim();
}

/** Published ports as { host, container, hostIp }; a port without a host side is not published. */
export function publishedPorts(service: Service): Array<{ host: string; container: string; hostIp?: string }> {
  return (service.ports ?? []).flatMap((port) => {
    if (typeof port === 'object') {
      if (port.published === undefined) return [];
      return [{ host: String(port.published), container: String(port.target), ...(port.host_ip ? { hostIp: port.host_ip } : {}) }];
    }
    const spec = String(port).replace(/\/(tcp|udp)$/, '');
    const parts = spec.split(':');
    if (parts.length === 1) return [];
    const container = parts.pop()!;
    const host = parts.pop()!;
    const hostIp = parts.length ? parts.join(':') : undefined;
    return [{ host, container, ...(hostIp ? { hostIp } : {}) }];
  });
}

/** Volume mounts as { source, target }, bind or named. */
export function mountsOf(service: Service): Array<{ source: string; target: string }> {
  return (service.volumes ?? []).flatMap((volume) => {
    if (typeof volume === 'object') return volume.source && volume.target ? [{ source: volume.source, target: volume.target }] : [];
    const [source, target] = volume.split(':');
    return source && target ? [{ source, target }] : [];
  });
}

/** A Compose duration ("45s", "1m30s", "500ms") in seconds; NaN when unreadable. */
export function durationSeconds(value: string | undefined): number {
  if (!value) return Number.NaN;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001 };
  let total = 0;
  let rest = value.trim();
  while (rest) {
    const match = /^(\d+(?:\.\d+)?)(h|ms|us|m|s)/.exec(rest);
    if (!match) return Number.NaN;
    total += Number(match[1]) * units[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return total;
}

/** The image name without its tag ("temporalio/server:1.30.1" → "temporalio/server"). */
export function imageName(image: string | undefined): string {
  return (image ?? '').replace(/@.*$/, '').replace(/:[^/:]*$/, '');
}

export function imageTag(image: string | undefined): string {
  const match = /:([^/:@]+)(@.*)?$/.exec(image ?? '');
  return match ? match[1]! : '';
}
