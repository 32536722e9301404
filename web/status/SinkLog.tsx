import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { hrName } from '../../src/errors/wbem';
import { hex } from '../data/flags';
import { failed } from '../data/operations';
import { useStatus, type LogRow } from '../state/status';
import { ExtendedStatusView } from './ExtendedStatusView';

const ROW_H = 22;
const OVERSCAN = 12;

const time = (t: number) => {
  const d = new Date(t);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}.${String(d.getMilliseconds()).padStart(3, '0')}`;
};

const EVENT_LABEL: Record<LogRow['event'], string> = {
  call: 'call',
  return: 'return',
  indicate: 'Indicate',
  progress: 'SetStatus',
  complete: 'SetStatus',
  poll: 'poll',
};

/** Live progress of the calls still running (imports, long puts). */
export function ActiveCalls() {
  const calls = useStatus((s) => s.calls);
  const active = Object.values(calls).filter((c) => !c.finished && c.progress && c.progress.total > 0);
  if (active.length === 0) return null;
  return (
    <div className="cw-active-calls">
      {active.map((c) => (
        <div key={c.id} className="cw-active-call">
          <span>
            {c.operation}
            {c.className ? ` ${c.className}` : ''}: {c.progress!.done} of {c.progress!.total}
          </span>
          <progress max={c.progress!.total} value={c.progress!.done} aria-label={`${c.operation} progress`} />
        </div>
      ))}
    </div>
  );
}

/**
 * The sink log: every call, return, Indicate, SetStatus and poll as it streams, each row linked
 * to its class; the selected row's __ExtendedStatus beside it. Virtualised: an import of the CIM
 * schema streams thousands of rows.
 */
function SinkLogView({ onJump }: { onJump: (ns: string, className: string) => void }) {
  const rows = useStatus((s) => s.rows);
  const clear = useStatus((s) => s.clearLog);
  const [filter, setFilter] = useState<'all' | 'errors' | 'final'>('all');
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<number | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(200);
  const follow = useRef(true);

  const shown = useMemo(() => {
    const t = text.trim().toLowerCase();
    return rows.filter((r) => {
      if (filter === 'errors' && !(r.hr !== null && failed(r.hr))) return false;
      if (filter === 'final' && r.event !== 'complete' && r.event !== 'return') return false;
      if (
        t &&
        !`${r.operation} ${r.className ?? ''} ${r.text} ${r.hr !== null ? hrName(r.hr) : ''}`.toLowerCase().includes(t)
      )
        return false;
      return true;
    });
  }, [rows, filter, text]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 200));
    ro.observe(el);
    setHeight(el.clientHeight || 200);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = scroller.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [shown.length]);

  const start = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const end = Math.min(shown.length, Math.ceil((scrollTop + height) / ROW_H) + OVERSCAN);
  const visible = shown.slice(start, end);
  const pickedRow = picked !== null ? rows.find((r) => r.id === picked) : undefined;
  const lastFinal = [...rows]
    .reverse()
    .find((r) => r.event === 'complete' || (r.event === 'return' && r.hr !== null && failed(r.hr)));

  return (
    <section className="cw-log" aria-label="Sink log">
      <div className="cw-log-tools">
        <h2 className="cw-log-title">Sink log</h2>
        <div role="radiogroup" aria-label="Log filter" className="cw-seg">
          {(
            [
              ['all', 'All'],
              ['final', 'Results'],
              ['errors', 'Errors'],
            ] as const
          ).map(([v, l]) => (
            <label key={v}>
              <input type="radio" name="cw-log-filter" checked={filter === v} onChange={() => setFilter(v)} /> {l}
            </label>
          ))}
        </div>
        <input
          type="search"
          aria-label="Filter log rows"
          placeholder="Filter…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <span className="cw-muted">
          {shown.length} of {rows.length} rows
        </span>
        <button type="button" onClick={() => clear()}>
          Clear
        </button>
        <ActiveCalls />
      </div>
      <div className="cw-sr" role="status" aria-live="polite">
        {lastFinal
          ? `${lastFinal.operation}${lastFinal.className ? ` ${lastFinal.className}` : ''}: ${lastFinal.hr !== null ? hrName(lastFinal.hr) : ''}`
          : ''}
      </div>
      <div className="cw-log-body">
        <div
          className="cw-log-scroll"
          ref={scroller}
          tabIndex={0}
          aria-label="Log rows"
          onScroll={(e) => {
            const el = e.currentTarget;
            setScrollTop(el.scrollTop);
            follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_H * 2;
          }}
        >
          <table className="cw-table cw-log-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Call</th>
                <th scope="col">Operation</th>
                <th scope="col">Class</th>
                <th scope="col">Event</th>
                <th scope="col">Progress</th>
                <th scope="col">HRESULT</th>
                <th scope="col">Text</th>
              </tr>
            </thead>
            <tbody>
              {start > 0 && <tr aria-hidden="true" className="cw-spacer" style={{ height: start * ROW_H }} />}
              {visible.map((r) => (
                <tr
                  key={r.id}
                  className={`${r.hr !== null && failed(r.hr) ? 'cw-log-err' : ''}${picked === r.id ? ' cw-log-picked' : ''}`}
                  onClick={() => setPicked(r.id)}
                >
                  <td className="cw-mono">{time(r.time)}</td>
                  <td className="cw-mono">#{r.call}</td>
                  <td>
                    {r.operation}
                    <span className="cw-muted"> {r.style}</span>
                  </td>
                  <td>
                    {r.className ? (
                      <button
                        type="button"
                        className="cw-link-btn"
                        onClick={() => onJump(r.ns, r.className!)}
                        aria-label={`Show ${r.className} on the graph`}
                      >
                        {r.className}
                      </button>
                    ) : (
                      <span className="cw-muted">{r.ns}</span>
                    )}
                  </td>
                  <td>{EVENT_LABEL[r.event]}</td>
                  <td>
                    {r.progress && r.progress.total > 0 ? (
                      <progress
                        max={r.progress.total}
                        value={r.progress.done}
                        aria-label={`${r.progress.done} of ${r.progress.total}`}
                      />
                    ) : null}
                  </td>
                  <td className="cw-mono" title={r.hr !== null ? hex(r.hr) : undefined}>
                    {r.hr !== null ? hrName(r.hr) : ''}
                  </td>
                  <td className="cw-log-text" title={r.text}>
                    {r.text}
                    {r.errorObject && (
                      <button
                        type="button"
                        className="cw-link-btn"
                        onClick={() => setPicked(r.id)}
                        aria-label={`Show the error object of row ${r.id}`}
                      >
                        __ExtendedStatus
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {end < shown.length && (
                <tr aria-hidden="true" className="cw-spacer" style={{ height: (shown.length - end) * ROW_H }} />
              )}
            </tbody>
          </table>
        </div>
        <aside className="cw-log-detail" aria-label="Error object">
          {pickedRow?.errorObject ? (
            <ExtendedStatusView eo={pickedRow.errorObject} />
          ) : (
            <p className="cw-muted">
              {pickedRow ? 'No error object on this row.' : 'Select a row to see its __ExtendedStatus.'}
            </p>
          )}
        </aside>
      </div>
    </section>
  );
}

export const SinkLog = memo(SinkLogView);
