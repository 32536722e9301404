import { describe, expect, it } from 'vitest';
import type { Conflict } from '../../src/errors/opFailure';
import type { ModeOutcome, UpdateAnalysis } from '../../src/service/analyzeClassUpdate';
import { useChangeSet } from '../state/changeSet';
import { previewClasses } from './previewMarks';

const conflict = (className: string, name: string): Conflict => ({
  kind: 'type',
  className,
  element: 'property',
  name,
  hr: 0x80041031,
  description: '',
});
const outcome = (p: Partial<ModeOutcome>): ModeOutcome => ({
  hr: 0,
  errorObject: null,
  conflicts: [],
  deletedInstances: [],
  rewrittenClasses: [],
  noop: false,
  created: false,
  ...p,
});

describe('preview marks', () => {
  it('marks safe-mode conflicts per descendant and force-mode rewrites', () => {
    const a: UpdateAnalysis = {
      compatible: outcome({ hr: 0x80041001 }),
      safe: outcome({ hr: 0x80041031, conflicts: [conflict('Disk', 'A'), conflict('Disk', 'B')] }),
      force: outcome({ conflicts: [conflict('Disk', 'A'), conflict('Disk', 'B')], rewrittenClasses: ['Disk', 'SSD'] }),
      suggested: 'force',
    };
    expect(previewClasses(a)).toEqual({
      disk: { conflicts: 2, rewritten: true },
      ssd: { conflicts: 0, rewritten: true },
    });
  });
});

describe('change set queue', () => {
  it('queues each draft once per namespace, removes and clears', () => {
    const s = useChangeSet.getState();
    s.add('root\\default', 'c:a');
    s.add('ROOT\\default', 'c:a');
    s.add('root\\default', 'c:b');
    expect(useChangeSet.getState().queued['root\\default']).toEqual(['c:a', 'c:b']);
    s.remove('root\\default', 'c:a');
    expect(useChangeSet.getState().queued['root\\default']).toEqual(['c:b']);
    s.clear('root\\default');
    expect(useChangeSet.getState().queued['root\\default']).toBeUndefined();
  });
});
