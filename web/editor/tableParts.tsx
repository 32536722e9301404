import type { ReactNode } from 'react';

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
