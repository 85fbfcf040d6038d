import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round } from './stats.util';

/** One line of the result table: a figure, its baseline from the same run, and their ratio. */
export interface Row {
  bench: string;
  metric: string;
  herald: number;
  baseline?: number;
  unit: string;
  /** The goal, in words, and whether this run met it (undefined: no goal on this figure). */
  goal?: string;
  met?: boolean;
}

export interface MachineInfo {
  nproc: number;
  memoryGiB: number;
  cpu: string;
  node: string;
  temporal: string;
  date: string;
  command: string;
}

export function machineInfo(temporalVersion: string, command: string): MachineInfo {
  return {
    nproc: os.cpus().length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    temporal: temporalVersion,
    date: new Date().toISOString(),
    command,
  };
}

/** A Markdown table (printed, and pasted into BENCHMARKS.md as it is). */
export function table(rows: readonly Row[]): string {
  const head = '| bench | metric | Herald | baseline | ratio | goal | met |\n|---|---|---:|---:|---:|---|---|';
  const lines = rows.map((r) => {
    const ratio = r.baseline !== undefined && r.baseline !== 0 ? `${round(r.herald / r.baseline, 2)}x` : '';
    const base = r.baseline !== undefined ? `${fmt(r.baseline)} ${r.unit}` : '';
    const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
    return `| ${r.bench} | ${r.metric} | ${fmt(r.herald)} ${r.unit} | ${base} | ${ratio} | ${r.goal ?? ''} | ${met} |`;
  });
  return [head, ...lines].join('\n');
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(round(value, 2));
}

/** The machine, the command and the date above the table: what BENCHMARKS.md quotes. */
export function markdown(machine: MachineInfo, rows: readonly Row[], note: string): string {
  return [
    `Machine: ${machine.cpu}, ${machine.nproc} cores (nproc), ${machine.memoryGiB} GiB; Node ${machine.node}; ${machine.temporal}.`,
    `Command: \`${machine.command}\`. Date: ${machine.date}. ${note}`,
    '',
    table(rows),
  ].join('\n');
}

/** The JSON result, and the same run as Markdown beside it; returns the JSON file's path. */
export function writeResult(dir: string, result: unknown, md: string): string {
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.md`, `${md}\n`);
  return `${base}.json`;
}
