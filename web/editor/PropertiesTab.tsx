import { Fragment, useState } from 'react';
import type { PropertyDecl } from '../../src/model';
import { formatCimType } from '../../src/model/cimType';
import { addProperty, freshName, removeProperty, toggleFlagQualifier, updateProperty } from './edit';
import { useEditor } from './context';
import { memberConflicts, propertyRows } from './effective';
import { QualifierTable } from './QualifierTable';
import { ConflictPills, EditorTableHead, EmptyRow, MemberActions, OriginCell, Twisty } from './tableParts';
import { TypeFields } from './TypeFields';
import { ValueInput } from './ValueInput';

const isKey = (p: { qualifiers: readonly { name: string; value: unknown }[] } | null | undefined) =>
  !!p?.qualifiers.some((q) => q.name.toLowerCase() === 'key' && q.value !== false);

/** Properties: local ones editable, inherited ones greyed with their class of origin. */
const PROPERTY_COLUMNS = ['Name', 'Type', 'Default', 'Key', 'Origin'];

export function PropertiesTab({ classList }: { classList: string }) {
  const { def, base, parent, edit, readOnly, conflicts, jump } = useEditor();
  const rows = propertyRows(def, parent);
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [showInherited, setShowInherited] = useState(true);
  const shown = showInherited ? rows : rows.filter((r) => r.local);
  const baseOf = (name: string) => base?.properties.find((p) => p.name.toLowerCase() === name.toLowerCase()) ?? null;

  return (
    <div className="cw-tab-body">
      <div className="cw-tab-tools">
        {!readOnly && (
          <button
            type="button"
            onClick={() => {
              const name = freshName('Property', def.properties);
              edit((d) => addProperty(d, { name }));
              // The new property's name is ready to type.
              requestAnimationFrame(() =>
                document.querySelector<HTMLInputElement>(`input[aria-label="Name of property ${name}"]`)?.select(),
              );
            }}
          >
            + Add property
          </button>
        )}
        <label className="cw-inline-check">
          <input type="checkbox" checked={showInherited} onChange={(e) => setShowInherited(e.target.checked)} /> Show
          inherited
        </label>
        <span className="cw-muted">
          {def.properties.length} local, {rows.length - rows.filter((r) => r.local && !r.inherited).length} inherited
        </span>
      </div>
      <table className="cw-table cw-props">
        <caption className="cw-sr">Properties of {def.name || 'the new class'}</caption>
        <EditorTableHead columns={PROPERTY_COLUMNS} />
        <tbody>
          {shown.length === 0 && <EmptyRow span={PROPERTY_COLUMNS.length + 1}>No properties.</EmptyRow>}
          {shown.map((r, i) => {
            const p = r.local;
            const inh = r.inherited;
            const eff: PropertyDecl = p ?? {
              name: inh!.name,
              type: inh!.type,
              qualifiers: [],
              ...(inh!.defaultValue !== undefined ? { defaultValue: inh!.defaultValue } : {}),
            };
            const disabled = readOnly || !p;
            const b = baseOf(r.name);
            const isNew = p && !b && !inh;
            const changedType =
              !!p &&
              (!b || JSON.stringify(b.type) !== JSON.stringify(p.type)) &&
              !(inh && !b && JSON.stringify(inh.type) === JSON.stringify(p.type));
            const changedDefault =
              !!p &&
              JSON.stringify(b?.defaultValue) !== JSON.stringify(p.defaultValue) &&
              (!!b || p.defaultValue !== undefined);
            const rowChanged = !!p && (!b || JSON.stringify(b) !== JSON.stringify(p));
            const marks = memberConflicts(conflicts, 'property', r.name);
            const key = isKey(p) || (inh?.key ?? false);
            const rowKey = p ? `l:${def.properties.indexOf(p)}` : `i:${r.name}`;
            const label = `property ${r.name}`;
            const expanded = !!open[r.name.toLowerCase()];
            const coalesce = (f: string) => `p:${rowKey}:${f}`;
            return (
              <Fragment key={rowKey}>
                <tr
                  className={`${p ? '' : 'cw-inherited'}${rowChanged ? ' cw-row-changed' : ''}${marks.length ? ' cw-row-conflict' : ''}${i % 2 ? ' cw-odd' : ''}`}
                  data-property={r.name}
                >
                  <th scope="row" className="cw-namecell">
                    <Twisty
                      expanded={expanded}
                      label={`Qualifiers of ${label}`}
                      onToggle={() => setOpen((o) => ({ ...o, [r.name.toLowerCase()]: !expanded }))}
                    />
                    {p && !inh ? (
                      <input
                        aria-label={`Name of ${label}`}
                        value={p.name}
                        disabled={readOnly}
                        className={isNew ? 'cw-changed' : ''}
                        onChange={(e) =>
                          edit(
                            (d) => updateProperty(d, p.name, (x) => ({ ...x, name: e.target.value })),
                            coalesce('name'),
                          )
                        }
                      />
                    ) : (
                      <span className={`cw-name${key ? ' cw-key' : ''}`}>{r.name}</span>
                    )}
                    <ConflictPills marks={marks} qualifierNames />
                  </th>
                  <td>
                    {p ? (
                      <TypeFields
                        type={p.type}
                        label={label}
                        classes={classList}
                        disabled={disabled}
                        changed={changedType}
                        onChange={(t) =>
                          t && edit((d) => updateProperty(d, p.name, (x) => ({ ...x, type: t })), coalesce('type'))
                        }
                      />
                    ) : (
                      <span className="cw-type">{formatCimType(eff.type)}</span>
                    )}
                  </td>
                  <td>
                    <ValueInput
                      value={eff.defaultValue}
                      type={eff.type}
                      label={`Default value of ${label}`}
                      disabled={disabled}
                      changed={changedDefault}
                      placeholder={p ? 'no default' : ''}
                      onCommit={(v) =>
                        edit(
                          (d) =>
                            updateProperty(d, p!.name, (x) => {
                              const { defaultValue: _old, ...rest } = x;
                              return v === undefined ? rest : { ...rest, defaultValue: v };
                            }),
                          coalesce('default'),
                        )
                      }
                    />
                  </td>
                  <td className="cw-center">
                    <input
                      type="checkbox"
                      aria-label={`Key ${label}`}
                      checked={key}
                      disabled={disabled || (!!inh && inh.key)}
                      onChange={(e) =>
                        edit((d) =>
                          toggleFlagQualifier(d, { kind: 'property', name: p!.name }, 'Key', e.target.checked, 0),
                        )
                      }
                    />
                  </td>
                  <OriginCell
                    declared={!!p}
                    inherited={!!inh && r.classOrigin.toLowerCase() !== def.name.toLowerCase()}
                    classOrigin={r.classOrigin}
                    label={label}
                    onJump={jump}
                  />
                  <MemberActions
                    label={label}
                    readOnly={readOnly}
                    onDelete={p ? () => edit((d) => removeProperty(d, p.name)) : undefined}
                    deleteTitle={inh ? 'Remove the override' : 'Delete'}
                    onOverride={
                      !p && inh
                        ? () => edit((d) => addProperty(d, { name: inh.name, type: inh.type, qualifiers: [] }))
                        : undefined
                    }
                  />
                </tr>
                {expanded && (
                  <tr className="cw-subrow">
                    <td colSpan={6}>
                      <QualifierTable
                        target={{ kind: 'property', name: p?.name ?? r.name }}
                        inherited={inh?.qualifiers ?? []}
                        inheritKey
                        locked={!p}
                        caption={`Qualifiers of ${label}${p ? '' : ' (inherited: override the property to change them)'}`}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
