import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  gateCounts,
  parseSteps,
  playwrightCounts,
  scenarioCounts,
  summarise,
  vitestCounts,
  type VitestReport,
} from './ci-summary';

const vitestReport = (over: Partial<VitestReport> = {}): VitestReport => ({
  numPassedTests: 3,
  numFailedTests: 0,
  numPendingTests: 1,
  numTodoTests: 0,
  numTotalTests: 4,
  success: true,
  ...over,
});

describe('scenarioCounts', () => {
  it('reads the last line of the runner', () => {
    expect(scenarioCounts('PASS a.json\nFAIL b.json: step 2: x\n1 passed, 1 failed\n', 1)).toEqual({
      passed: 1,
      failed: 1,
      skipped: 0,
    });
    expect(scenarioCounts('PASS a.json\n24 passed, 0 failed', 0)).toEqual({ passed: 24, failed: 0, skipped: 0 });
  });

  it('tolerates nothing', () => {
    expect(scenarioCounts('', 1).failed).toBe(1);
    expect(scenarioCounts('Error: Cannot find module scripts/scenario.ts', 1).failed).toBe(1);
    expect(scenarioCounts('3 passed, 0 failed\nthen a crash trace', 1).failed).toBe(1);
    expect(scenarioCounts('0 passed, 0 failed', 0)).toMatchObject({ failed: 1, note: 'ran no scenarios' });
    expect(scenarioCounts('5 passed, 0 failed', 2)).toMatchObject({ passed: 5, failed: 1 });
  });
});

describe('vitestCounts and playwrightCounts', () => {
  it('count tests from the json reports', () => {
    expect(vitestCounts(vitestReport(), 0)).toEqual({ passed: 3, failed: 0, skipped: 1 });
    expect(vitestCounts(vitestReport({ numFailedTests: 2, success: false }), 1).failed).toBe(2);
    const stats = { expected: 2, unexpected: 1, flaky: 1, skipped: 0 };
    expect(playwrightCounts({ stats }, 1)).toEqual({ passed: 3, failed: 1, skipped: 0 });
  });

  it('count a failure when the report is missing, empty or contradicts the exit status', () => {
    expect(vitestCounts(null, 1).failed).toBe(1);
    expect(vitestCounts(vitestReport({ numPassedTests: 0, numPendingTests: 0, numTotalTests: 0 }), 1).failed).toBe(1);
    expect(vitestCounts(vitestReport({ success: false }), 1)).toMatchObject({ passed: 3, failed: 1 });
    expect(playwrightCounts(null, 1).failed).toBe(1);
    expect(playwrightCounts({ stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 } }, 1).failed).toBe(1);
    expect(
      playwrightCounts({ stats: { expected: 2, unexpected: 0, flaky: 0, skipped: 0 }, errors: [{}] }, 1).failed,
    ).toBe(1);
  });
});

describe('summarise', () => {
  it('prints one line per step and folds every runner into the total', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-summary-'));
    writeFileSync(join(dir, 'vitest.json'), JSON.stringify(vitestReport()));
    writeFileSync(join(dir, 'scen.log'), 'PASS x\n2 passed, 1 failed\n');
    writeFileSync(join(dir, 'shared.log'), '4 passed, 0 failed\n');
    const steps = parseSteps(
      [
        'typecheck\tgate\t0\t',
        'lint\tgate\t1\t',
        `vitest\tvitest\t0\t${join(dir, 'vitest.json')}`,
        `scenarios\tscenarios\t1\t${join(dir, 'scen.log')}`,
        `shared-scenarios\tscenarios\t0\t${join(dir, 'shared.log')}`,
        'playwright\tmissing\t1\tnot run: build failed',
        '',
      ].join('\n'),
    );
    const { lines, failed } = summarise(steps);
    expect(lines).toEqual([
      'typecheck: 1 passed, 0 failed, 0 skipped',
      'lint: 0 passed, 1 failed, 0 skipped (exit 1)',
      'vitest: 3 passed, 0 failed, 1 skipped',
      'scenarios: 2 passed, 1 failed, 0 skipped',
      'shared-scenarios: 4 passed, 0 failed, 0 skipped',
      'playwright: 0 passed, 1 failed, 0 skipped (not run: build failed)',
      'total: 10 passed, 3 failed, 1 skipped',
    ]);
    expect(failed).toBe(3);
  });

  it('fails when there is nothing to summarise', () => {
    expect(summarise([])).toEqual({ lines: ['total: 0 passed, 1 failed, 0 skipped'], failed: 1 });
    expect(gateCounts(0)).toEqual({ passed: 1, failed: 0, skipped: 0 });
  });
});
