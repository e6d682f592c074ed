/**
 * `npm run bench -- <name> [options]`: runs tools/bench/<name>.bench.ts with its own options;
 * without a name, lists the benchmarks. Each benchmark starts what it measures and prints figures.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const BENCH_SUFFIX = '.bench.ts';

function availableBenchmarks(): string[] {
  return readdirSync(__dirname)
    .filter((file) => file.endsWith(BENCH_SUFFIX))
    .map((file) => file.slice(0, -BENCH_SUFFIX.length))
    .sort();
}

function main(): number {
  const [name, ...options] = process.argv.slice(2);
  const benchmarks = availableBenchmarks();
  if (!name || !benchmarks.includes(name)) {
    if (name) process.stderr.write(`no benchmark named "${name}"\n`);
    process.stdout.write(`usage: npm run bench -- <name> [options]\n\n${benchmarks.join('\n')}\n`);
    return name ? 2 : 0;
  }
  const script = path.join(__dirname, `${name}${BENCH_SUFFIX}`);
  const result = spawnSync('npx', ['tsx', script, ...options], { stdio: 'inherit' });
  return result.status ?? 1;
}

process.exitCode = main();
