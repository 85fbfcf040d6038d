// Herald's rules for the Dockerfile and .dockerignore: a Debian Node image, built once, with
// everything a container runs already compiled, started as a non-root user.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Rule } from './compose-model';

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions in order, continuation lines joined, comments and blank lines dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  let startLine = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (!pending && (line.trim() === '' || line.trim().startsWith('#'))) return;
    if (pending && line.trim().startsWith('#')) return;
    if (!pending) startLine = index + 1;
    pending += (pending ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) return;
    const [keyword = '', ...rest] = pending.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: startLine });
    pending = '';
  });
  return instructions;
}

/** Stages, each with its base image (global ARG defaults substituted) and its instructions. */
function stagesOf(instructions: Instruction[]): Array<{ from: string; instructions: Instruction[] }> {
  const args: Record<string, string> = {};
  const stages: Array<{ from: string; instructions: Instruction[] }> = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name, value = ''] = instruction.args.split('=');
      if (name) args[name.trim()] = value.trim();
    } else if (instruction.keyword === 'FROM') {
      const image = instruction.args.split(/\s+/).find((a) => !a.startsWith('--')) ?? '';
      stages.push({ from: image.replace(/\$\{?(\w+)\}?/g, (_, n: string) => args[n] ?? ''), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

function runs(instructions: Instruction[]): string[] {
  return instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
}

/** Workspace package folders, from pnpm-workspace.yaml's globs (one level: apps/*, libs/*). */
function workspacePackages(root: string): string[] {
  const workspace = parse(readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages?: string[] };
  return (workspace.packages ?? []).flatMap((glob) => {
    if (!glob.endsWith('/*')) return existsSync(path.join(root, glob, 'package.json')) ? [glob] : [];
    const dir = glob.slice(0, -2);
    return readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(path.join(root, dir, e.name, 'package.json')))
      .map((e) => `${dir}/${e.name}`);
  });
}

export const dockerfileRules: Rule[] = [
  {
    title: "Herald's image is built from Node 20 on Debian (bookworm-slim), never Alpine: the Temporal SDK's native addon has no musl build",
    check: ({ dockerfile }) => {
      const stages = stagesOf(parseDockerfile(dockerfile));
      if (stages.length === 0) return ['the Dockerfile has no FROM'];
      return stages
        .filter(({ from }) => !/^node:20(\.\d+){0,2}-bookworm-slim$/.test(from))
        .map(({ from }) => `FROM ${from || '(unresolved)'} is not node:20…-bookworm-slim${/alpine/.test(from) ? ' (Alpine is musl)' : ''}`);
    },
  },
  {
    title: 'the image is built once: dependencies from the lockfile, the Prisma client, the build and its workflow bundle',
    check: ({ dockerfile }) => {
      const all = runs(parseDockerfile(dockerfile)).join('\n');
      const steps: Array<[RegExp, string]> = [
        [/pnpm install --frozen-lockfile/, 'pnpm install --frozen-lockfile'],
        [/node scripts\/db\/generate\.mjs/, 'node scripts/db/generate.mjs (the Prisma client)'],
        [/node scripts\/build\.mjs/, 'node scripts/build.mjs'],
        [/test -s apps\/worker\/dist\/workflow-bundle\.js/, 'a check that apps/worker/dist/workflow-bundle.js was written'],
      ];
      return steps.filter(([pattern]) => !pattern.test(all)).map(([, what]) => `no RUN does ${what}`);
    },
  },
  {
    title: "pnpm is installed with npm at package.json's packageManager version, not through corepack",
    check: ({ dockerfile, root }) => {
      const manager = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { packageManager?: string }).packageManager ?? '';
      const all = runs(parseDockerfile(dockerfile)).join('\n');
      const problems = new RegExp(`npm install -g ${manager.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`).test(all)
        ? []
        : [`no RUN does npm install -g ${manager} (package.json's packageManager)`];
      if (/corepack/.test(all)) problems.push('a RUN uses corepack, whose bundled keys are stale');
      return problems;
    },
  },
  {
    title: "every workspace package's package.json is copied before pnpm install, so the frozen lockfile finds all of them",
    check: ({ dockerfile, root }) => {
      const instructions = parseDockerfile(dockerfile);
      const install = instructions.findIndex((i) => i.keyword === 'RUN' && /pnpm install/.test(i.args));
      if (install < 0) return ['no RUN does pnpm install'];
      const copied = instructions.slice(0, install).filter((i) => i.keyword === 'COPY').map((i) => i.args).join('\n');
      return workspacePackages(root)
        .filter((dir) => !copied.includes(`${dir}/package.json`))
        .map((dir) => `${dir}/package.json is not copied before pnpm install`);
    },
  },
  {
    title: 'the final image runs as a non-root user, one node process',
    check: ({ dockerfile }) => {
      const final = stagesOf(parseDockerfile(dockerfile)).at(-1);
      if (!final) return ['the Dockerfile has no FROM'];
      const user = final.instructions.filter((i) => i.keyword === 'USER').at(-1)?.args;
      const problems = user && !/^(root|0)(:|$)/.test(user) ? [] : [`the final stage runs as ${user ?? 'root (no USER)'}`];
      const cmd = final.instructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT').at(-1);
      if (!cmd || !/^\["node",/.test(cmd.args)) problems.push(`the final stage starts ${cmd?.args ?? 'nothing'}; use an exec-form ["node", …]`);
      return problems;
    },
  },
  {
    title: 'the image keeps apps/api/dist/cli (the operator CLIs run with `node apps/api/dist/cli/…`)',
    check: ({ dockerfile }) => {
      const all = runs(parseDockerfile(dockerfile));
      const problems = all.some((r) => /test -d apps\/api\/dist\/cli/.test(r)) ? [] : ['no RUN checks that apps/api/dist/cli was built'];
      for (const run of all) if (/\brm\b[^&;]*\bdist\b/.test(run)) problems.push(`\`${run}\` removes a dist folder`);
      return problems;
    },
  },
  {
    title: '.dockerignore keeps secrets, local state and host builds out of the build context',
    check: ({ dockerignore }) => {
      const lines = new Set(dockerignore.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
      return ['node_modules', '**/node_modules', '**/dist', '.env', '.data', '.git']
        .filter((pattern) => !lines.has(pattern))
        .map((pattern) => `.dockerignore lacks ${pattern}`);
    },
  },
];
