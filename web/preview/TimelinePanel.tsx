import { useId, useState } from 'react';
import { HR, hrName } from '../../src/errors/wbem';
import type { HistorySummary } from '../../src/storage/StoragePort';
import { ConfirmFooter } from '../components/ConfirmFooter';
import { Modal } from '../components/Modal';
import { useClassesAt, useHistory, useHistoryDiff } from '../data/hooks';
import { failed, runRestore, runUndo } from '../data/operations';
import { useUi } from '../state/ui';
import { plural } from './plural';

const time = (ms: number) => new Date(ms).toLocaleTimeString();
const point = (e: HistorySummary) => `#${e.seq} ${e.label.text}`;
/** Most rows the point-in-time class list renders (a CIM schema has thousands). */
const MAX_ROWS = 400;

const notKept = (hr: number) => hr >>> 0 === HR.E_NOT_FOUND;

/** The class list of a namespace as it was right after one history entry. */
function PointView({ ns, entry, onClose }: { ns: string; entry: HistorySummary; onClose: () => void }) {
  const q = useClassesAt(ns, entry.seq);
  const r = q.data;
  const classes = r && !failed(r.hr) ? [...r.classes].sort((a, b) => a.name.localeCompare(b.name)) : [];
  return (
    <section className="cw-timetravel" aria-label={`Repository after ${point(entry)}`}>
      <h3>
        {ns} after {point(entry)}
      </h3>
      {q.isLoading ? (
        <p className="cw-muted">Loading…</p>
      ) : q.error ? (
        <p className="cw-bad" role="alert">
          Could not read that point: {String(q.error)}
        </p>
      ) : r && notKept(r.hr) ? (
        <p className="cw-bad" role="alert">
          That point is no longer kept in the history.
        </p>
      ) : r && failed(r.hr) ? (
        <p className="cw-bad" role="alert">
          Could not read that point: {hrName(r.hr)}
        </p>
      ) : (
        <>
          <p role="status">{plural(classes.length, 'class')}</p>
          {classes.length > 0 && (
            <table className="cw-timetravel-table" aria-label={`Classes after ${point(entry)}`}>
              <thead>
                <tr>
                  <th scope="col">Class</th>
                  <th scope="col">Superclass</th>
                  <th scope="col">Properties</th>
                </tr>
              </thead>
              <tbody>
                {classes.slice(0, MAX_ROWS).map((c) => (
                  <tr key={c.name}>
                    <th scope="row">{c.name}</th>
                    <td>{c.superclass ?? '—'}</td>
                    <td>
                      {c.properties.length}
                      {c.properties.length > 0 && (
                        <span className="cw-muted"> ({c.properties.map((p) => p.name).join(', ')})</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {classes.length > MAX_ROWS && <p className="cw-muted">… {classes.length - MAX_ROWS} more not shown</p>}
        </>
      )}
      <button type="button" onClick={onClose}>
        Close view
      </button>
    </section>
  );
}

/** What changed in a namespace between two history points. */
function DiffView({
  ns,
  from,
  to,
  onClose,
}: {
  ns: string;
  from: HistorySummary;
  to: HistorySummary;
  onClose: () => void;
}) {
  const q = useHistoryDiff(ns, { from: from.seq, to: to.seq });
  const d = q.data;
  const ok = !!d && !failed(d.hr);
  const none = ok && d.added.length + d.removed.length + d.changed.length === 0;
  return (
    <section className="cw-timetravel" aria-label={`Diff from #${from.seq} to #${to.seq}`}>
      <h3>
        {ns}: {point(from)} → {point(to)}
      </h3>
      {q.isLoading ? (
        <p className="cw-muted">Loading…</p>
      ) : q.error ? (
        <p className="cw-bad" role="alert">
          Could not compare: {String(q.error)}
        </p>
      ) : d && notKept(d.hr) ? (
        <p className="cw-bad" role="alert">
          One of these points is no longer kept in the history.
        </p>
      ) : d && !ok ? (
        <p className="cw-bad" role="alert">
          Could not compare: {hrName(d.hr)}
        </p>
      ) : none ? (
        <p role="status">No class changed.</p>
      ) : (
        d && (
          <>
            <p role="status">
              {d.added.length} added, {d.removed.length} removed, {d.changed.length} changed
            </p>
            {d.added.length > 0 && (
              <>
                <h4>Added</h4>
                <ul aria-label="Added classes">
                  {d.added.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              </>
            )}
            {d.removed.length > 0 && (
              <>
                <h4>Removed</h4>
                <ul aria-label="Removed classes">
                  {d.removed.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              </>
            )}
            {d.changed.length > 0 && (
              <>
                <h4>Changed</h4>
                <ul aria-label="Changed classes">
                  {d.changed.map((c) => (
                    <li key={c.className}>
                      {c.className}
                      <ul aria-label={`Changes to ${c.className}`}>
                        {c.changes.map((line, i) => (
                          <li key={i}>{line}</li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )
      )}
      <button type="button" onClick={onClose}>
        Close diff
      </button>
    </section>
  );
}

function RestoreDialog({ entry, onClose }: { entry: HistorySummary; onClose: (message: string | null) => void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      title={`Restore to ${point(entry)}`}
      onClose={() => onClose(null)}
      initialFocus=".cw-cancel"
      footer={
        <ConfirmFooter
          onCancel={() => onClose(null)}
          busyLabel="Restoring…"
          onConfirm={async () => {
            const r = await runRestore(entry.seq, entry.label.text);
            if (!failed(r.hr)) onClose(`Restored to ${point(entry)}: undo reverts the restore.`);
            else if (notKept(r.hr)) setError('That point is no longer kept in the history.');
            else setError(`The restore failed: ${hrName(r.hr)}. See the sink log.`);
          }}
        >
          Restore
        </ConfirmFooter>
      }
    >
      <p>
        Brings the whole repository back to the state right after <strong>{point(entry)}</strong> ({time(entry.time)}),
        as one new operation. It then appears in the timeline and can itself be undone.
      </p>
      {error && (
        <p className="cw-bad" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}

/**
 * The repository's committed operations (the worker history), newest first, with undo and redo, and
 * time travel: view the current namespace at a point, diff two points, restore a point.
 */
export function TimelinePanel() {
  const q = useHistory();
  const ns = useUi((s) => s.namespace);
  const h = q.data;
  const entries = h ? [...h.entries].reverse() : [];
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const [viewSeq, setViewSeq] = useState<number | null>(null);
  const [fromSeq, setFromSeq] = useState<number | null>(null);
  const [toSeq, setToSeq] = useState<number | null>(null);
  const [diff, setDiff] = useState<{ from: number; to: number } | null>(null);
  const [restoreSeq, setRestoreSeq] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const group = useId();

  const viewed = viewSeq === null ? undefined : bySeq.get(viewSeq);
  const restoring = restoreSeq === null ? undefined : bySeq.get(restoreSeq);
  const diffFrom = diff ? bySeq.get(diff.from) : undefined;
  const diffTo = diff ? bySeq.get(diff.to) : undefined;
  const canDiff = fromSeq !== null && toSeq !== null && fromSeq !== toSeq && bySeq.has(fromSeq) && bySeq.has(toSeq);

  return (
    <details className="cw-live-preview cw-timeline">
      <summary>Timeline ({entries.length} operations)</summary>
      <section aria-label="Timeline">
        <div className="cw-tab-tools">
          <button type="button" disabled={!h?.undo} onClick={() => void runUndo('undo')}>
            {h?.undo ? `Undo ${h.undo.label.text}` : 'Nothing to undo'}
          </button>
          <button type="button" disabled={!h?.redo} onClick={() => void runUndo('redo')}>
            {h?.redo ? `Redo ${h.redo.label.text}` : 'Nothing to redo'}
          </button>
          <button
            type="button"
            disabled={!canDiff}
            onClick={() => canDiff && setDiff({ from: fromSeq, to: toSeq })}
            aria-describedby={`${group}-diff-help`}
          >
            Diff
          </button>
          <span id={`${group}-diff-help`} className="cw-muted">
            {canDiff ? `#${fromSeq} → #${toSeq} in ${ns}` : 'Pick a From and a different To point to diff them'}
          </span>
        </div>
        {message && (
          <p className="cw-good" role="status">
            {message}
          </p>
        )}
        {entries.length === 0 ? (
          <p className="cw-muted">No operations yet.</p>
        ) : (
          <ol className="cw-conflict-list" aria-label="Operations, newest first">
            {entries.map((e) => (
              <li key={e.seq} className={e.kind === 'op' ? '' : 'cw-muted'}>
                <span className="cw-muted">#{e.seq}</span> {e.label.text}{' '}
                <span className="cw-muted">
                  {time(e.time)} · {e.changeCount} change{e.changeCount === 1 ? '' : 's'}
                  {h?.undo?.seq === e.seq ? ' · next undo' : ''}
                  {h?.redo?.seq === e.seq ? ' · next redo' : ''}
                </span>
                <span className="cw-timetravel-tools">
                  <button
                    type="button"
                    aria-label={`View repository after ${point(e)}`}
                    aria-pressed={viewSeq === e.seq}
                    onClick={() => setViewSeq(viewSeq === e.seq ? null : e.seq)}
                  >
                    View
                  </button>
                  <label>
                    <input
                      type="radio"
                      name={`${group}-from`}
                      aria-label={`Diff from ${point(e)}`}
                      checked={fromSeq === e.seq}
                      onChange={() => setFromSeq(e.seq)}
                    />{' '}
                    From
                  </label>
                  <label>
                    <input
                      type="radio"
                      name={`${group}-to`}
                      aria-label={`Diff to ${point(e)}`}
                      checked={toSeq === e.seq}
                      onChange={() => setToSeq(e.seq)}
                    />{' '}
                    To
                  </label>
                  <button type="button" aria-label={`Restore to ${point(e)}`} onClick={() => setRestoreSeq(e.seq)}>
                    Restore
                  </button>
                </span>
              </li>
            ))}
          </ol>
        )}
        {viewed && <PointView key={`${ns}:${viewed.seq}`} ns={ns} entry={viewed} onClose={() => setViewSeq(null)} />}
        {diffFrom && diffTo && (
          <DiffView
            key={`${ns}:${diffFrom.seq}:${diffTo.seq}`}
            ns={ns}
            from={diffFrom}
            to={diffTo}
            onClose={() => setDiff(null)}
          />
        )}
      </section>
      {restoring && (
        <RestoreDialog
          entry={restoring}
          onClose={(m) => {
            setRestoreSeq(null);
            if (m) setMessage(m);
          }}
        />
      )}
    </details>
  );
}
