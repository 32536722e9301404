import { plural } from './plural';
import { useEffect, useMemo } from 'react';
import { WBEM_FLAG, hrName } from '../../src/errors/wbem';
import type { ClassDefinition } from '../../src/model';
import type { ModeOutcome } from '../../src/service/analyzeClassUpdate';
import { DEFAULT_CHOICES, putFlags, type UpdateMode } from '../data/flags';
import { useAnalysis } from '../data/hooks';
import { failed } from '../data/operations';
import { usePreview } from '../state/preview';
import { previewClasses } from './previewMarks';
import { useDebounced } from './useDebounced';

const MODES: { id: UpdateMode; label: string }[] = [
  { id: 'compatible', label: 'Compatible' },
  { id: 'safe', label: 'Safe' },
  { id: 'force', label: 'Force' },
];

/** The PutClass flags the live preview analyses with (the put dialog's defaults, synchronous). */
export function previewFlags(isNew: boolean, amended: boolean): number {
  const f = putFlags({ ...DEFAULT_CHOICES, updateType: isNew ? 'create' : 'update', useAmended: amended });
  return f & ~WBEM_FLAG.RETURN_IMMEDIATELY & ~WBEM_FLAG.SEND_STATUS;
}

function ModeBody({ mode, o, onJump }: { mode: UpdateMode; o: ModeOutcome; onJump: (name: string) => void }) {
  const ok = !failed(o.hr);
  const verdict = ok ? `OK: ${o.noop ? 'no change' : o.created ? 'creates' : 'updates'}` : hrName(o.hr);
  const jump = (name: string) => (
    <button type="button" className="cw-link-btn" onClick={() => onJump(name)} aria-label={`Jump to ${name}`}>
      {name}
    </button>
  );
  return (
    <>
      <p className={ok ? 'cw-good' : 'cw-bad'}>{verdict}</p>
      {!ok && o.conflicts.length === 0 && o.errorObject?.Description && (
        <p className="cw-muted">{o.errorObject.Description}</p>
      )}
      {mode !== 'force' && o.conflicts.length > 0 && (
        <ul className="cw-conflict-list" aria-label={`${mode} conflicts`}>
          {o.conflicts.map((k) => (
            <li key={`${k.className}.${k.element}.${k.name}.${k.kind}`}>
              {jump(k.className)}.{k.name}: {k.kind} ({hrName(k.hr)})
            </li>
          ))}
        </ul>
      )}
      {mode === 'force' && ok && (
        <>
          <p>
            Deletes {plural(o.conflicts.length, 'element')} in subclasses,{' '}
            {plural(o.deletedInstances.length, 'instance')}; rewrites {plural(o.rewrittenClasses.length, 'class')}.
          </p>
          {o.conflicts.length > 0 && (
            <ul className="cw-conflict-list" aria-label="Force deletes">
              {o.conflicts.map((k) => (
                <li key={`${k.className}.${k.element}.${k.name}.${k.kind}`}>
                  {jump(k.className)}.{k.name} ({k.element})
                </li>
              ))}
            </ul>
          )}
          {o.deletedInstances.length > 0 && (
            <ul className="cw-conflict-list" aria-label="Force deletes instances">
              {o.deletedInstances.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

/**
 * The live preview of a draft: what a put would do in each update mode (nothing is put), the
 * least destructive mode that succeeds suggested, the affected descendants painted on the graph.
 */
export function PreviewPanel({
  ns,
  def,
  isNew,
  amended,
  onJump,
}: {
  ns: string;
  def: ClassDefinition;
  isNew: boolean;
  amended: boolean;
  onJump: (name: string) => void;
}) {
  const debounced = useDebounced(def, 150);
  const q = useAnalysis(ns, debounced, previewFlags(isNew, amended));
  const a = q.data;
  const setMarks = usePreview((s) => s.setMarks);
  const clearFrom = usePreview((s) => s.clearFrom);
  const source = def.name;
  const classes = useMemo(() => (a ? previewClasses(a) : null), [a]);

  useEffect(() => {
    if (classes && source) setMarks({ ns, source, classes });
  }, [classes, ns, source, setMarks]);
  useEffect(() => () => clearFrom(ns, source), [ns, source, clearFrom]);

  return (
    <section className="cw-live-preview" aria-label="Preview of the update modes" aria-busy={q.isFetching}>
      <h3>
        Preview <span className="cw-muted">(nothing is put)</span>
      </h3>
      {q.error ? (
        <p className="cw-bad">{String((q.error as Error).message ?? q.error)}</p>
      ) : !a ? (
        <p className="cw-muted">Analysing…</p>
      ) : (
        <div className="cw-preview-modes">
          {MODES.map((m) => (
            <section
              key={m.id}
              aria-label={`${m.label} mode`}
              className={`cw-preview-mode${a.suggested === m.id ? ' cw-preview-suggested' : ''}`}
            >
              <h4>
                {m.label}
                {a.suggested === m.id && <span className="cw-suggested"> suggested</span>}
              </h4>
              <ModeBody mode={m.id} o={a[m.id]} onJump={onJump} />
            </section>
          ))}
        </div>
      )}
      {a && a.suggested === null && <p className="cw-bad">No update mode succeeds.</p>}
    </section>
  );
}
