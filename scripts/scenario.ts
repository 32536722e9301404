// Conformance scenario runner: npm run scenario -- <files or folders>... (scenarios/FORMAT.md)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runScenario } from '../src/testing/scenario/runScenario';
import type { Scenario } from '../src/testing/scenario/types';

function collect(path: string, out: string[]): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const entry of readdirSync(path).sort()) collect(join(path, entry), out);
  } else if (path.endsWith('.json')) out.push(path);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error('usage: npm run scenario -- <scenario files or folders>...');
    return 2;
  }
  const files: string[] = [];
  for (const a of args) collect(a, files);
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    let scenario: Scenario;
    try {
      scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
      if (!Array.isArray(scenario.steps)) throw new Error('no "steps" array');
    } catch (e) {
      failed++;
      console.log(`FAIL ${shown}: not a scenario: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const r = await runScenario(scenario);
    if (r.passed) {
      passed++;
      console.log(`PASS ${shown}`);
    } else {
      failed++;
      console.log(`FAIL ${shown}: ${r.failure}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
