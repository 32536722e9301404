import type { ReactNode } from 'react';
import { hrName } from '../../src/errors/wbem';
import type { ConflictMark } from '../state/status';

/**
 * The header of an editor table (properties, methods, parameters, qualifiers): its columns, then
 * the actions column, named for screen readers only. `extra` comes after the named columns.
 */
export function EditorTableHead({ columns, extra }: { columns: readonly string[]; extra?: ReactNode }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th scope="col" key={c}>
            {c}
          </th>
        ))}
        {extra}
        <th scope="col">
          <span className="cw-sr">Actions</span>
        </th>
      </tr>
    </thead>
  );
}

/** The ▸/▾ button that opens a row's sub-row (parameters, qualifiers) in an editor table. */
export function Twisty({ expanded, label, onToggle }: { expanded: boolean; label: string; onToggle: () => void }) {
  return (
    <button type="button" className="cw-twisty" aria-expanded={expanded} aria-label={label} onClick={onToggle}>
      {expanded ? '▾' : '▸'}
    </button>
  );
}

/** The one row an editor table shows when it has nothing: a cell across all `span` columns. */
export function EmptyRow({ span, children }: { span: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={span} className="cw-empty">
        {children}
      </td>
    </tr>
  );
}

/**
 * The conflicts with subclasses a put would meet (or force would resolve) on one row, as pills.
 * `qualifierNames`: say which qualifier a qualifier conflict is about (`Name.Qualifier` marks).
 */
export function ConflictPills({
  marks,
  qualifierNames = false,
}: {
  marks: readonly ConflictMark[];
  qualifierNames?: boolean;
}) {
  return marks.map((c) => (
    <span
      key={`${c.kind}${c.name}`}
      className={`cw-conflict-pill${c.resolved ? ' cw-resolved' : ''}`}
      title={c.description}
    >
      {c.resolved ? 'removed by force: ' : ''}
      {c.kind}
      {qualifierNames && c.element === 'qualifier' ? ` (${c.name.split('.')[1]})` : ''} · {hrName(c.hr)}
    </span>
  ));
}

/**
 * Where a property or method comes from: "local", or the class of origin as a link to it, marked
 * "(override)" when this class redeclares it. `declared`: the class declares it itself.
 */
export function OriginCell(props: {
  declared: boolean;
  inherited: boolean;
  classOrigin: string;
  label: string;
  onJump: (className: string) => void;
}) {
  const { declared, inherited, classOrigin, label, onJump } = props;
  return (
    <td className={`cw-origin${declared ? '' : ' cw-origin-propagated'}`}>
      {!inherited ? (
        'local'
      ) : (
        <>
          <button
            type="button"
            className="cw-link-btn"
            aria-label={`Go to ${classOrigin}, origin of ${label}`}
            onClick={() => onJump(classOrigin)}
          >
            {classOrigin}
          </button>
          {declared ? ' (override)' : ''}
        </>
      )}
    </td>
  );
}

/**
 * The actions of a property or method row: delete what the class declares, or override what it
 * only inherits (nothing when the editor is read-only).
 */
export function MemberActions(props: {
  label: string;
  readOnly: boolean;
  onDelete?: (() => void) | undefined;
  deleteTitle?: string | undefined;
  onOverride?: (() => void) | undefined;
}) {
  const { label, readOnly, onDelete, deleteTitle, onOverride } = props;
  return (
    <td className="cw-actions">
      {!readOnly && onDelete && (
        <button
          type="button"
          className="cw-icon-btn"
          aria-label={`Delete ${label}`}
          title={deleteTitle}
          onClick={onDelete}
        >
          ✕
        </button>
      )}
      {!readOnly && onOverride && (
        <button type="button" className="cw-link-btn" aria-label={`Override ${label}`} onClick={onOverride}>
          override
        </button>
      )}
    </td>
  );
}
