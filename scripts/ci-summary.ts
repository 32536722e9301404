// Summarises a `.ci/run` into one `<runner>: N passed, N failed, N skipped` line per step and a closing
// `total: …` line (CI reads a plain "N passed, N failed" line; it cannot read Vitest or Playwright output).
//
// Usage: tsx scripts/ci-summary.ts <out-dir>
// <out-dir>/steps.tsv has one line per step, in order: name TAB kind TAB exit-status TAB artifact
//   kind gate       a check with no test count of its own (typecheck, lint, format, build): 1 passed or 1 failed
//   kind vitest     artifact = Vitest json report
//   kind playwright artifact = Playwright json report
//   kind scenarios  artifact = captured output of `tsx scripts/scenario.ts <folder>`
//   kind missing    the step could not run at all (artifact = why): 1 failed
// Nothing is tolerated: a missing report, a non-zero exit with no failure counted, or a runner that ran
// nothing each count as one failure. Exit status 1 if anything failed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  note?: string;
}

const failure = (note: string, passed = 0): Counts => ({ passed, failed: 1, skipped: 0, note });

export function gateCounts(status: number): Counts {
  return status === 0
    ? { passed: 1, failed: 0, skipped: 0 }
    : { passed: 0, failed: 1, skipped: 0, note: `exit ${status}` };
}

export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  success: boolean;
}

export function vitestCounts(report: VitestReport | null, status: number): Counts {
  if (!report) return failure(`no json report (exit ${status})`);
  const counts: Counts = {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  if (report.numTotalTests === 0) return failure('ran no tests');
  if (counts.failed === 0 && (!report.success || status !== 0)) {
    return { ...counts, failed: 1, note: `run failed outside any test (exit ${status})` };
  }
  return counts;
}

export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: unknown[];
}

export function playwrightCounts(report: PlaywrightReport | null, status: number): Counts {
  if (!report) return failure(`no json report (exit ${status})`);
  const { expected, unexpected, flaky, skipped } = report.stats;
  const errors = report.errors?.length ?? 0;
  const counts: Counts = { passed: expected + flaky, failed: unexpected + errors, skipped };
  if (counts.passed + counts.failed === 0) return failure('ran no tests');
  if (counts.failed === 0 && status !== 0) return { ...counts, failed: 1, note: `exit ${status}` };
  return counts;
}

const scenarioSummary = /^(\d+) passed, (\d+) failed$/;

/** Counts from the scenario runner's output, whose last line must be `<N> passed, <M> failed`. */
export function scenarioCounts(output: string, status: number): Counts {
  const last = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .at(-1);
  const match = last === undefined ? null : scenarioSummary.exec(last);
  if (!match) return failure(`no "N passed, M failed" last line (exit ${status})`);
  const passed = Number(match[1]);
  const failed = Number(match[2]);
  if (passed + failed === 0) return failure('ran no scenarios');
  if (failed === 0 && status !== 0) return { passed, failed: 1, skipped: 0, note: `exit ${status}` };
  return { passed, failed, skipped: 0 };
}

export interface Step {
  name: string;
  kind: string;
  status: number;
  artifact: string;
}

export function parseSteps(tsv: string): Step[] {
  return tsv
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name = '?', kind = '?', status = '1', artifact = ''] = line.split('\t');
      return { name, kind, status: Number(status), artifact };
    });
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

export function stepCounts(step: Step): Counts {
  switch (step.kind) {
    case 'gate':
      return gateCounts(step.status);
    case 'vitest':
      return vitestCounts(readJson<VitestReport>(step.artifact), step.status);
    case 'playwright':
      return playwrightCounts(readJson<PlaywrightReport>(step.artifact), step.status);
    case 'scenarios':
      return existsSync(step.artifact)
        ? scenarioCounts(readFileSync(step.artifact, 'utf8'), step.status)
        : failure(`no output captured (exit ${step.status})`);
    case 'missing':
      return failure(step.artifact || 'could not run');
    default:
      return failure(`unknown step kind "${step.kind}"`);
  }
}

export function formatLine(label: string, counts: Counts): string {
  const line = `${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  return counts.note ? `${line} (${counts.note})` : line;
}

/** The summary lines for the steps, ending with the total; `failed` is the total failure count. */
export function summarise(steps: Step[]): { lines: string[]; failed: number } {
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const lines = steps.map((step) => {
    const counts = stepCounts(step);
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    return formatLine(step.name, counts);
  });
  if (steps.length === 0) total.failed += 1;
  lines.push(formatLine('total', total));
  return { lines, failed: total.failed };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = process.argv[2] ?? '.ci-out';
  const stepsFile = join(outDir, 'steps.tsv');
  const steps = existsSync(stepsFile) ? parseSteps(readFileSync(stepsFile, 'utf8')) : [];
  const { lines, failed } = summarise(steps);
  for (const line of lines) console.log(line);
  process.exitCode = failed > 0 ? 1 : 0;
}
