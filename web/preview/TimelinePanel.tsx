import { useHistory } from '../data/hooks';
import { runUndo } from '../data/operations';

const time = (ms: number) => new Date(ms).toLocaleTimeString();

/** The repository's committed operations (the worker history), newest first, with undo and redo. */
export function TimelinePanel() {
  const q = useHistory();
  const h = q.data;
  const entries = h ? [...h.entries].reverse() : [];
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
        </div>
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
              </li>
            ))}
          </ol>
        )}
      </section>
    </details>
  );
}
