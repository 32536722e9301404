import type { ExtendedStatus } from '../errors/extendedStatus';
import { toExtendedStatus, type Conflict } from '../errors/opFailure';
import { HR, WBEM_FLAG } from '../errors/wbem';
import type { ClassDefinition } from '../model';
import type { OpEnv } from '../ops/opEnv';
import { planPutClass, type DescendantCache } from '../ops/planPutClass';

/** What a put would do in one update mode. */
export interface ModeOutcome {
  readonly hr: number;
  readonly errorObject: ExtendedStatus | null;
  /** Safe mode: the conflicts that make it fail. Force mode: the conflicts it resolves by deletion. */
  readonly conflicts: readonly Conflict[];
  /** Force mode: instance paths it deletes. */
  readonly deletedInstances: readonly string[];
  /** Force mode: descendants whose stored definition it rewrites. */
  readonly rewrittenClasses: readonly string[];
  readonly noop: boolean;
  readonly created: boolean;
}

export interface UpdateAnalysis {
  readonly compatible: ModeOutcome;
  readonly safe: ModeOutcome;
  readonly force: ModeOutcome;
  /** The least destructive mode that succeeds, or null when none does. */
  readonly suggested: 'compatible' | 'safe' | 'force' | null;
}

const MODES = {
  compatible: WBEM_FLAG.UPDATE_COMPATIBLE,
  safe: WBEM_FLAG.UPDATE_SAFE_MODE,
  force: WBEM_FLAG.UPDATE_FORCE_MODE,
} as const;

/**
 * The conflict analysis alone (issue: the designer shows, before a put, what each of the three
 * update modes would do). Plans the put three times; applies nothing. Providers are not asked.
 */
export function analyzeClassUpdate(env: OpEnv, def: ClassDefinition, flags = 0): UpdateAnalysis {
  const base = flags & ~WBEM_FLAG.MASK_UPDATE_MODE & ~WBEM_FLAG.CREATE_ONLY;
  const cache: DescendantCache = {};
  const outcome = (mode: number): ModeOutcome => {
    const r = planPutClass(env, def, base | mode, cache);
    if (r.ok) {
      return {
        hr: HR.S_NO_ERROR,
        errorObject: null,
        conflicts: r.plan.resolvedConflicts,
        deletedInstances: r.plan.deletedInstances,
        rewrittenClasses: r.plan.rewrittenClasses,
        noop: r.plan.noop,
        created: r.plan.created,
      };
    }
    return {
      hr: r.failure.hr,
      errorObject: toExtendedStatus(r.failure, 'PutClass'),
      conflicts: r.failure.conflicts ?? [],
      deletedInstances: [],
      rewrittenClasses: [],
      noop: false,
      created: false,
    };
  };
  const compatible = outcome(MODES.compatible);
  const safe = outcome(MODES.safe);
  const force = outcome(MODES.force);
  const suggested =
    compatible.hr === HR.S_NO_ERROR
      ? 'compatible'
      : safe.hr === HR.S_NO_ERROR
        ? 'safe'
        : force.hr === HR.S_NO_ERROR
          ? 'force'
          : null;
  return { compatible, safe, force, suggested };
}
