import { plural } from './plural';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { hrName } from '../../src/errors/wbem';
import type { ChangeSetOutcome } from '../../src/service/changeSet';
import { getClient } from '../data/engine';
import type { UpdateMode } from '../data/flags';
import { keys } from '../data/keys';
import { changeSetFlags, failed, runChangeSet, statusText } from '../data/operations';
import { useChangeSet, useQueued } from '../state/changeSet';
import { draftKey, useDrafts, type Draft } from '../state/drafts';
import type { NodeId } from '../state/ui';

function outcomeText(o: ChangeSetOutcome | undefined): string {
  if (!o) return 'not reached';
  if (failed(o.hr)) return `fails: ${hrName(o.hr)}`;
  const what = o.noop ? 'no change' : o.created ? 'creates' : 'updates';
  const costs = [
    o.resolvedConflicts.length && `deletes ${plural(o.resolvedConflicts.length, 'element')} in subclasses`,
    o.deletedInstances.length && `deletes ${plural(o.deletedInstances.length, 'instance')}`,
    o.rewrittenClasses.length && `rewrites ${plural(o.rewrittenClasses.length, 'class')}`,
  ].filter(Boolean);
  return [what, ...costs].join(', ');
}

/**
 * The change set of a namespace: the queued drafts in the order the engine will put them (bases
 * first), the combined preview (analyzeChangeSet) and apply as one operation and one undo step.
 */
export function ChangeSetPanel({ ns }: { ns: string }) {
  const queued = useQueued(ns);
  const drafts = useDrafts((s) => s.drafts);
  const remove = useChangeSet((s) => s.remove);
  const clear = useChangeSet((s) => s.clear);
  const [mode, setMode] = useState<UpdateMode>('safe');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const modeId = useId();

  const entries = useMemo(
    () =>
      queued
        .map((id) => ({ id, draft: drafts[draftKey(ns, id)] }))
        .filter((e): e is { id: NodeId; draft: Draft } => !!e.draft && e.draft.def.name.trim() !== '')
        .map((e) => ({ id: e.id, def: e.draft.def, amended: e.draft.amended })),
    [queued, drafts, ns],
  );
  const defs = useMemo(() => entries.map((e) => e.def), [entries]);
  const amended = entries.some((e) => e.amended);
  const flags = changeSetFlags(mode, amended);
  const q = useQuery({
    queryKey: [...keys.analysisIn(ns), 'changeSet', JSON.stringify(defs), flags],
    enabled: defs.length > 0,
    queryFn: () => getClient().api.analyzeChangeSet({ namespace: ns }, defs, flags),
    staleTime: 0,
    gcTime: 10_000,
    retry: false,
  });

  if (entries.length === 0 && !message) return null;
  const a = q.data;
  const byName = new Map(entries.map((e) => [e.def.name.toLowerCase(), e]));
  const order = a ? a.order : entries.map((e) => e.def.name);
  const outcome = (name: string) => a?.outcomes.find((o) => o.className.toLowerCase() === name.toLowerCase());
  const total = (f: (o: ChangeSetOutcome) => number) => (a ? a.outcomes.reduce((n, o) => n + f(o), 0) : 0);
  const ok = !!a && !failed(a.hr);

  const apply = async () => {
    setBusy(true);
    const r = await runChangeSet(ns, defs, mode, amended);
    setBusy(false);
    if (r.result.committed) {
      for (const e of entries) useDrafts.getState().discard(ns, e.id);
      clear(ns);
      setMessage({
        ok: true,
        text: `Applied ${plural(r.result.order.length, 'class')} as one operation: undo reverts the whole set.`,
      });
    } else setMessage({ ok: false, text: `Change set failed: ${hrName(r.hr)}. ${statusText(r.hr, r.errorObject)}` });
  };

  return (
    <section className="cw-live-preview cw-changeset" aria-label="Change set">
      <h3>Change set ({plural(entries.length, 'class')})</h3>
      {message && (
        <p className={message.ok ? 'cw-good' : 'cw-bad'} role="status">
          {message.text}
        </p>
      )}
      {entries.length > 0 && (
        <>
          <label htmlFor={modeId}>Update mode </label>
          <select id={modeId} value={mode} onChange={(e) => setMode(e.target.value as UpdateMode)}>
            <option value="compatible">Compatible</option>
            <option value="safe">Safe</option>
            <option value="force">Force</option>
          </select>
          <ol className="cw-conflict-list" aria-label="Put order">
            {order.map((name) => {
              const e = byName.get(name.toLowerCase());
              return (
                <li key={name}>
                  {name}:{' '}
                  <span className={failed(outcome(name)?.hr ?? 0) ? 'cw-bad' : ''}>
                    {q.isLoading ? '…' : outcomeText(outcome(name))}
                  </span>{' '}
                  {e && (
                    <button
                      type="button"
                      className="cw-icon-btn"
                      aria-label={`Remove ${name} from change set`}
                      onClick={() => remove(ns, e.id)}
                    >
                      ✕
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          {a && (
            <p className={ok ? '' : 'cw-bad'}>
              {ok
                ? `Combined: deletes ${plural(
                    total((o) => o.resolvedConflicts.length),
                    'element',
                  )} in subclasses and ${plural(
                    total((o) => o.deletedInstances.length),
                    'instance',
                  )}; rewrites ${plural(
                    total((o) => o.rewrittenClasses.length),
                    'class',
                  )}.`
                : `Would fail: ${hrName(a.hr)}. ${statusText(a.hr, a.errorObject)}`}
            </p>
          )}
          <div className="cw-tab-tools">
            <button type="button" className="cw-primary" disabled={!ok || busy} onClick={() => void apply()}>
              {busy ? 'Applying…' : 'Apply change set'}
            </button>
            <button
              type="button"
              onClick={() => {
                clear(ns);
                setMessage(null);
              }}
            >
              Clear change set
            </button>
          </div>
        </>
      )}
      {entries.length === 0 && message && (
        <button type="button" className="cw-link-btn" onClick={() => setMessage(null)}>
          Dismiss
        </button>
      )}
    </section>
  );
}
