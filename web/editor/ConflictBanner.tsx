import { hrName } from '../../src/errors/wbem';
import type { ClassIndex } from '../data/classIndex';
import { useStatus, type ConflictMark } from '../state/status';
import { jumpToClass } from '../app/commands';

const MODE = { compatible: 'compatible', safe: 'safe mode', force: 'force mode' } as const;

function describe(c: ConflictMark): string {
  return `${c.element} ${c.name}: ${c.kind} conflict (${hrName(c.hr)})`;
}

/**
 * The conflicts of the last put with child classes, from where the reader stands: on the class
 * that was put, every affected descendant with a jump-to link; on a descendant, its own conflicts
 * and the class whose update caused them.
 */
export function ConflictBanner({ ns, className, index }: { ns: string; className: string; index: ClassIndex }) {
  const marks = useStatus((s) => s.marks);
  const setMarks = useStatus((s) => s.setMarks);
  if (!marks || marks.ns.toLowerCase() !== ns.toLowerCase() || !className) return null;
  const k = className.toLowerCase();
  const isSource = marks.source.toLowerCase() === k;
  const own = marks.conflicts[k];
  const rewritten = marks.rewritten[k];
  if (!isSource && !own && !rewritten) return null;
  const failedPut = marks.hr >>> 0 >= 0x80000000;
  const affected = Object.entries(marks.conflicts);
  const rewrittenNames = Object.keys(marks.rewritten);
  const nameOf = (key: string) => index.byKey.get(key)?.name ?? key;

  return (
    <div
      className={`cw-banner ${failedPut ? 'cw-banner-error' : 'cw-banner-warn'}`}
      role="region"
      aria-label="Conflicts with child classes"
    >
      {isSource ? (
        <>
          <strong>
            {failedPut
              ? `PutClass in ${MODE[marks.mode]} failed (${hrName(marks.hr)}): ${affected.reduce((n, [, l]) => n + l.length, 0)} conflict(s) in ${affected.length} subclass(es)`
              : `PutClass in ${MODE[marks.mode]} rewrote ${rewrittenNames.length} subclass(es)`}
          </strong>
          <ul className="cw-conflict-list">
            {affected.map(([key, list]) => (
              <li key={key}>
                <button
                  type="button"
                  className="cw-link-btn"
                  onClick={() => jumpToClass(index, nameOf(key))}
                  aria-label={`Jump to ${nameOf(key)}`}
                >
                  {nameOf(key)}
                </button>
                : {list.map((c) => `${c.resolved ? 'removed ' : ''}${describe(c)}`).join('; ')}
              </li>
            ))}
            {rewrittenNames
              .filter((r) => !marks.conflicts[r])
              .map((r) => (
                <li key={r}>
                  <button
                    type="button"
                    className="cw-link-btn"
                    onClick={() => jumpToClass(index, nameOf(r))}
                    aria-label={`Jump to ${nameOf(r)}`}
                  >
                    {nameOf(r)}
                  </button>
                  : rewritten
                </li>
              ))}
            {marks.deletedInstances.length > 0 && <li>Deleted instances: {marks.deletedInstances.join(', ')}</li>}
          </ul>
        </>
      ) : (
        <>
          <strong>
            {own?.some((c) => c.resolved) || (rewritten && !own)
              ? 'Rewritten by the force-mode update of '
              : `Conflicts with the ${MODE[marks.mode]} update of `}
            <button
              type="button"
              className="cw-link-btn"
              onClick={() => jumpToClass(index, marks.source)}
              aria-label={`Jump to ${marks.source}`}
            >
              {marks.source}
            </button>
          </strong>
          {own && (
            <ul className="cw-conflict-list">
              {own.map((c) => (
                <li key={`${c.kind}${c.name}`}>
                  {c.resolved ? 'Removed: ' : ''}
                  {describe(c)} — {c.description}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <button type="button" className="cw-link-btn cw-banner-close" onClick={() => setMarks(null)}>
        Clear marks
      </button>
    </div>
  );
}
