/**
 * npm run bench:worker — build, run the worker benchmark in headless Chromium (Playwright,
 * BENCH=1), and print its result as the last line: one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`bench:worker: ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
};

rmSync('bench-results/worker.json', { force: true });
run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['playwright', 'test', 'e2e/bench-worker.spec.ts', '--reporter=line', '--workers=1'], { BENCH: '1' });
const result = JSON.parse(readFileSync('bench-results/worker.json', 'utf8')) as Record<string, unknown>;
console.log(JSON.stringify(result));
