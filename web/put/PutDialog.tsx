import { useId, useState } from 'react';
import { create } from 'zustand';
import { WBEM_FLAG, hrName } from '../../src/errors/wbem';
import type { ClassDefinition } from '../../src/model';
import type { ModeOutcome } from '../../src/service/analyzeClassUpdate';
import { useAnalysis } from '../data/hooks';
import {
  DEFAULT_CHOICES,
  flagNames,
  hex,
  putFlags,
  type ContextValue,
  type PutChoices,
  type UpdateMode,
} from '../data/flags';
import { failed, runPut, statusText, type PutResult } from '../data/operations';
import { Modal } from '../components/Modal';
import { ExtendedStatusView } from '../status/ExtendedStatusView';

/** The choices last used, kept for the next put (the mode and the update type are chosen per put). */
export const usePutPrefs = create<{ prefs: PutChoices; set(p: Partial<PutChoices>): void }>()((set) => ({
  prefs: DEFAULT_CHOICES,
  set: (p) => set((s) => ({ prefs: { ...s.prefs, ...p } })),
}));

const MODES: { id: UpdateMode; label: string; help: string }[] = [
  {
    id: 'compatible',
    label: 'Compatible',
    help: 'Only if the class has no subclasses and no instances (non-important changes always pass).',
  },
  {
    id: 'safe',
    label: 'Safe',
    help: 'Allowed with subclasses as long as none conflicts; fails if the class has instances.',
  },
  {
    id: 'force',
    label: 'Force',
    help: 'Resolves conflicts by deleting the conflicting elements in subclasses, and deletes the class’s own instances.',
  },
];

function forceCost(o: ModeOutcome | undefined): number {
  return o ? o.conflicts.length + o.deletedInstances.length : 0;
}

/**
 * PutClass with wbemtest's choices, every flag passed to the engine exactly as chosen, and a
 * preview of what each update mode would do (conflicts with subclasses, deletions by force).
 */
export function PutDialog({
  ns,
  def,
  isNew,
  amendedRead,
  onClose,
  onDone,
  onJump,
}: {
  ns: string;
  def: ClassDefinition;
  isNew: boolean;
  amendedRead: boolean;
  onClose: () => void;
  onDone: (r: PutResult) => void;
  onJump: (className: string) => void;
}) {
  const prefs = usePutPrefs((s) => s.prefs);
  const savePrefs = usePutPrefs((s) => s.set);
  const [c, setC] = useState<PutChoices>(() => ({
    ...prefs,
    updateType: isNew ? 'create' : 'update',
    mode: 'compatible',
    useAmended: amendedRead,
  }));
  const [confirmForce, setConfirmForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PutResult | null>(null);
  const ids = useId();
  const flags = putFlags(c);
  const previewFlags = flags & ~WBEM_FLAG.RETURN_IMMEDIATELY & ~WBEM_FLAG.SEND_STATUS;
  const analysis = useAnalysis(ns, def, previewFlags, c.principal.trim() || undefined);
  const a = analysis.data;
  const cost = forceCost(a?.force);
  const needsConfirm = c.mode === 'force' && cost > 0 && !confirmForce;
  const set = (p: Partial<PutChoices>) => {
    setC((x) => ({ ...x, ...p }));
    setResult(null);
  };
  const setCtx = (i: number, p: Partial<ContextValue>) =>
    set({ context: c.context.map((v, k) => (k === i ? { ...v, ...p } : v)) });

  const submit = async () => {
    if (busy || needsConfirm) return;
    setBusy(true);
    savePrefs({
      useAmended: c.useAmended,
      sendStatus: c.sendStatus,
      ownerUpdate: c.ownerUpdate,
      style: c.style,
      context: c.context,
      principal: c.principal,
    });
    const r = await runPut(ns, def, c);
    setBusy(false);
    setResult(r);
    onDone(r);
  };

  const outcomeCell = (mode: UpdateMode) => {
    const o = a?.[mode];
    if (analysis.isLoading) return <span className="cw-muted">…</span>;
    if (!o) return <span className="cw-muted">—</span>;
    return failed(o.hr) ? (
      <span className="cw-bad">✗ {hrName(o.hr)}</span>
    ) : (
      <span className="cw-good">✓ {o.noop ? 'no change' : o.created ? 'creates' : 'updates'}</span>
    );
  };

  return (
    <Modal title={`Put class ${def.name}`} onClose={onClose} wide initialFocus=".cw-put-submit">
      <form
        className="cw-put"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="cw-put-grid">
          <fieldset>
            <legend>Update type</legend>
            {(
              [
                ['create', 'Create only', 'Fails if the class exists (WBEM_FLAG_CREATE_ONLY)'],
                ['update', 'Update only', 'Fails if the class does not exist (WBEM_FLAG_UPDATE_ONLY)'],
                ['either', 'Either', 'Create or update (WBEM_FLAG_CREATE_OR_UPDATE)'],
              ] as const
            ).map(([v, label, help]) => (
              <label key={v} title={help}>
                <input
                  type="radio"
                  name={`${ids}-type`}
                  value={v}
                  checked={c.updateType === v}
                  onChange={() => set({ updateType: v })}
                />{' '}
                {label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Update mode</legend>
            {MODES.map((m) => (
              <label key={m.id} title={m.help}>
                <input
                  type="radio"
                  name={`${ids}-mode`}
                  value={m.id}
                  checked={c.mode === m.id}
                  onChange={() => set({ mode: m.id })}
                />{' '}
                {m.label}
                {a?.suggested === m.id && <span className="cw-suggested"> suggested</span>}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Options</legend>
            <label title="WBEM_FLAG_USE_AMENDED_QUALIFIERS: amended qualifiers go to the locale namespace">
              <input type="checkbox" checked={c.useAmended} onChange={(e) => set({ useAmended: e.target.checked })} />{' '}
              Use amended qualifiers
            </label>
            <label title="WBEM_FLAG_SEND_STATUS: progress SetStatus calls reach the sink (asynchronous calls only)">
              <input type="checkbox" checked={c.sendStatus} onChange={(e) => set({ sendStatus: e.target.checked })} />{' '}
              Send status
            </label>
            <label title="WBEM_FLAG_OWNER_UPDATE: a push provider announcing a change to a class it owns">
              <input type="checkbox" checked={c.ownerUpdate} onChange={(e) => set({ ownerUpdate: e.target.checked })} />{' '}
              Owner update
            </label>
          </fieldset>
          <fieldset>
            <legend>Call style</legend>
            {(
              [
                ['sync', 'Synchronous', 'PutClass: waits for the result'],
                [
                  'semisync',
                  'Semisynchronous',
                  'PutClass with WBEM_FLAG_RETURN_IMMEDIATELY, then IWbemCallResult::GetCallStatus',
                ],
                ['async', 'Asynchronous', 'PutClassAsync: the sink receives SetStatus'],
              ] as const
            ).map(([v, label, help]) => (
              <label key={v} title={help}>
                <input
                  type="radio"
                  name={`${ids}-style`}
                  value={v}
                  checked={c.style === v}
                  onChange={() => set({ style: v })}
                />{' '}
                {label}
              </label>
            ))}
          </fieldset>
        </div>

        <div className="cw-put-row">
          <label>
            Acting principal{' '}
            <input
              aria-label="Acting principal"
              list={`${ids}-users`}
              value={c.principal}
              onChange={(e) => set({ principal: e.target.value })}
            />
            <datalist id={`${ids}-users`}>
              <option value="Administrator" />
              <option value="Guest" />
              <option value="Authenticated Users" />
            </datalist>
          </label>
          <p className="cw-flags">
            lFlags <code>{hex(flags)}</code> <span className="cw-muted">{flagNames(flags)}</span>
          </p>
        </div>
        {c.sendStatus && c.style !== 'async' && (
          <p className="cw-warn" role="note">
            Send status applies to asynchronous calls: the engine refuses it on a{' '}
            {c.style === 'sync' ? 'synchronous' : 'semisynchronous'} PutClass with WBEM_E_INVALID_PARAMETER, as WMI
            does.
          </p>
        )}

        <fieldset className="cw-context">
          <legend>Context (IWbemContext named values, passed to providers)</legend>
          {c.context.length === 0 && <p className="cw-muted">No named values.</p>}
          {c.context.map((v, i) => (
            <div key={i} className="cw-context-row">
              <input
                aria-label={`Context value ${i + 1} name`}
                placeholder="Name"
                value={v.name}
                onChange={(e) => setCtx(i, { name: e.target.value })}
              />
              <select
                aria-label={`Context value ${i + 1} type`}
                value={v.type}
                onChange={(e) => setCtx(i, { type: e.target.value as ContextValue['type'] })}
              >
                <option value="string">string</option>
                <option value="sint32">sint32</option>
                <option value="boolean">boolean</option>
                <option value="real64">real64</option>
              </select>
              <input
                aria-label={`Context value ${i + 1} value`}
                placeholder="Value"
                value={v.value}
                onChange={(e) => setCtx(i, { value: e.target.value })}
              />
              <button
                type="button"
                className="cw-icon-btn"
                aria-label={`Remove context value ${i + 1}`}
                onClick={() => set({ context: c.context.filter((_, k) => k !== i) })}
              >
                ✕
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => set({ context: [...c.context, { name: '', type: 'string', value: '' }] })}
          >
            + Add named value
          </button>
        </fieldset>

        <section className="cw-preview" aria-label="What each update mode would do">
          <h3>Preview</h3>
          {analysis.error ? (
            <p className="cw-bad">{String((analysis.error as Error).message ?? analysis.error)}</p>
          ) : (
            <table className="cw-table">
              <thead>
                <tr>
                  <th scope="col">Mode</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Conflicts with subclasses</th>
                </tr>
              </thead>
              <tbody>
                {MODES.map((m) => {
                  const o = a?.[m.id];
                  return (
                    <tr key={m.id} className={c.mode === m.id ? 'cw-row-chosen' : ''}>
                      <th scope="row">{m.label}</th>
                      <td className="cw-nowrap">{outcomeCell(m.id)}</td>
                      <td>
                        {o && o.conflicts.length === 0 && o.deletedInstances.length === 0 && (
                          <span className="cw-muted">none</span>
                        )}
                        {o && o.conflicts.length > 0 && (
                          <ul className="cw-conflict-list">
                            {o.conflicts.map((k) => (
                              <li key={`${k.className}.${k.name}.${k.kind}`}>
                                {m.id === 'force' && !failed(o.hr) ? 'deletes ' : ''}
                                <button
                                  type="button"
                                  className="cw-link-btn"
                                  onClick={() => onJump(k.className)}
                                  aria-label={`Jump to ${k.className}`}
                                >
                                  {k.className}
                                </button>
                                .{k.name}: {k.kind} ({hrName(k.hr)})
                              </li>
                            ))}
                          </ul>
                        )}
                        {o && o.deletedInstances.length > 0 && (
                          <p>Deletes instances: {o.deletedInstances.join(', ')}</p>
                        )}
                        {o && failed(o.hr) && o.conflicts.length === 0 && o.errorObject && (
                          <span className="cw-muted">{o.errorObject.Description}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {c.mode === 'force' && cost > 0 && (
            <label className="cw-confirm">
              <input type="checkbox" checked={confirmForce} onChange={(e) => setConfirmForce(e.target.checked)} /> I
              understand force deletes {cost} element{cost === 1 ? '' : 's'} in other classes or instances
            </label>
          )}
        </section>

        {result && (
          <div className={`cw-banner ${failed(result.hr) ? 'cw-banner-error' : 'cw-banner-ok'}`} role="status">
            <strong>
              {failed(result.hr) ? `Put failed: ${hrName(result.hr)}` : `Put succeeded: ${hrName(result.hr)}`}
            </strong>{' '}
            {statusText(result.hr, result.errorObject)}
            {result.errorObject && <ExtendedStatusView eo={result.errorObject} />}
          </div>
        )}

        <footer className="cw-modal-foot">
          <button type="button" onClick={onClose}>
            {result && !failed(result.hr) ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="cw-primary cw-put-submit" disabled={busy || needsConfirm || !def.name}>
            {busy ? 'Putting…' : c.mode === 'force' && cost > 0 ? `Put with force (deletes ${cost})` : 'Put'}
          </button>
        </footer>
      </form>
    </Modal>
  );
}
