// The bench driver (scripts/bench.mjs compiles and starts it with the run's database, Redis
// prefix and folder): runs the selected benchmarks in order, prints the table and writes the
// JSON result. `--quick` is the reduced set, `--smoke` tiny sizes that only check the harness
// works; `--only a,b` picks benchmarks by name; `--profile` keeps CPU profiles of the API and worker.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { testEnv } from '@herald/testing';
import { type BenchContext, FULL, QUICK, SMOKE, closeContext, openContext } from './bench-context';
import { burstBench } from './burst.bench';
import { calendarBench } from './calendar.bench';
import { coldStartBench } from './cold-start.bench';
import { recoveryBench } from './recovery.bench';
import { machineInfo, markdown, writeResult } from './report';
import { scaleBench } from './scale.bench';
import { throughputBench } from './throughput.bench';

// In this order: cold start before anything is scheduled, the API rate before the burst sizes
// its lead time from it, and recovery last (it kills Temporal). The calendar's posts are gone
// before the burst starts.
const BENCHES: Record<string, (ctx: BenchContext) => Promise<void>> = {
  'cold-start': coldStartBench,
  throughput: throughputBench,
  calendar: calendarBench,
  burst: burstBench,
  scale: scaleBench,
  recovery: recoveryBench,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const smoke = args.includes('--smoke');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',') : Object.keys(BENCHES);
  const unknown = only.filter((name) => !(name in BENCHES));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);

  const temporalVersion = execFileSync(testEnv().temporalBin, ['--version'], { encoding: 'utf8' }).trim();
  const machine = machineInfo(temporalVersion, `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`);
  const started = Date.now();
  const set = smoke ? 'smoke' : quick ? 'quick' : 'full';
  const resultsDir = process.env.BENCH_RESULTS_DIR ?? 'bench/results';
  const profileDir = args.includes('--profile') ? path.resolve(resultsDir, `profiles-${Date.now()}`) : undefined;
  const ctx = await openContext({ smoke: SMOKE, quick: QUICK, full: FULL }[set], profileDir);
  const durations: Record<string, number> = {};
  let failure: unknown;
  try {
    for (const name of Object.keys(BENCHES).filter((n) => only.includes(n))) {
      const t = Date.now();
      ctx.log(`${name}…`);
      await BENCHES[name]!(ctx);
      durations[name] = (Date.now() - t) / 1000;
    }
  } catch (error) {
    failure = error;
  } finally {
    await closeContext(ctx).catch((e: unknown) => console.error('could not stop the stack cleanly', e));
  }
  const result = { machine, set, sizes: ctx.sizes, durationsS: durations, totalS: (Date.now() - started) / 1000, rows: ctx.rows, details: ctx.details, error: failure ? String(failure) : undefined };
  const what = onlyAt >= 0 ? `The ${set} set's ${only.join(', ')}` : `The ${set} set`;
  const md = markdown(machine, ctx.rows, `${what} took ${Math.round(result.totalS)} s.`);
  const file = writeResult(resultsDir, result, md);
  console.log(`\n${md}`);
  console.log(`\n${what} in ${Math.round(result.totalS)} s; result: ${file}`);
  if (profileDir) console.log(`CPU profiles of the API and the worker: ${profileDir} (node bench/dist/profile-summary.js <file>)`);
  if (failure) throw failure;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
