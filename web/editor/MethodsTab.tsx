import { Fragment, useState } from 'react';
import type { MethodDecl, ParameterDecl } from '../../src/model';
import { formatCimType } from '../../src/model/cimType';
import {
  addMethod,
  addParameter,
  removeMethod,
  removeParameter,
  toggleFlagQualifier,
  updateMethod,
  updateParameter,
} from './edit';
import { useEditor } from './context';
import { memberConflicts, methodRows } from './effective';
import { QualifierTable } from './QualifierTable';
import { ConflictPills, EditorTableHead, EmptyRow, MemberActions, OriginCell, Twisty } from './tableParts';
import { TypeFields } from './TypeFields';

const hasFlag = (p: ParameterDecl, name: string) =>
  p.qualifiers.some((q) => q.name.toLowerCase() === name && q.value !== false);
const signature = (m: { returnType: MethodDecl['returnType']; parameters: readonly ParameterDecl[] }) =>
  `${m.returnType ? formatCimType(m.returnType) : 'void'} (${m.parameters.map((p) => `${hasFlag(p, 'in') ? 'in ' : ''}${hasFlag(p, 'out') ? 'out ' : ''}${formatCimType(p.type)} ${p.name}`).join(', ')})`;

/** Methods with their parameters (In / Out) and qualifiers on both. */
const METHOD_COLUMNS = ['Name', 'Returns', 'Signature', 'Origin'];
const PARAMETER_COLUMNS = ['Parameter', 'Type', 'In', 'Out'];

export function MethodsTab({ classList }: { classList: string }) {
  const { def, base, parent, edit, readOnly, conflicts, jump } = useEditor();
  const rows = methodRows(def, parent);
  const [open, setOpen] = useState<Record<string, boolean>>({});

  return (
    <div className="cw-tab-body">
      <div className="cw-tab-tools">
        {!readOnly && (
          <button type="button" onClick={() => edit((d) => addMethod(d))}>
            + Add method
          </button>
        )}
        <span className="cw-muted">
          {def.methods.length} local, {rows.filter((r) => !r.local).length} inherited
        </span>
      </div>
      <table className="cw-table cw-methods">
        <caption className="cw-sr">Methods of {def.name || 'the new class'}</caption>
        <EditorTableHead columns={METHOD_COLUMNS} />
        <tbody>
          {rows.length === 0 && <EmptyRow span={METHOD_COLUMNS.length + 1}>No methods.</EmptyRow>}
          {rows.map((r) => {
            const m = r.local;
            const inh = r.inherited;
            const shown = m ?? inh!;
            const label = `method ${r.name}`;
            const expanded = !!open[r.name.toLowerCase()];
            const marks = memberConflicts(conflicts, 'method', r.name);
            const b = base?.methods.find((x) => x.name.toLowerCase() === r.name.toLowerCase());
            const changed = !!m && (!b || JSON.stringify(b) !== JSON.stringify(m));
            const rowKey = m ? `l:${def.methods.indexOf(m)}` : `i:${r.name}`;
            return (
              <Fragment key={rowKey}>
                <tr
                  className={`${m ? '' : 'cw-inherited'}${changed ? ' cw-row-changed' : ''}${marks.length ? ' cw-row-conflict' : ''}`}
                >
                  <th scope="row" className="cw-namecell">
                    <Twisty
                      expanded={expanded}
                      label={`Parameters and qualifiers of ${label}`}
                      onToggle={() => setOpen((o) => ({ ...o, [r.name.toLowerCase()]: !expanded }))}
                    />
                    {m && !inh ? (
                      <input
                        aria-label={`Name of ${label}`}
                        value={m.name}
                        disabled={readOnly}
                        onChange={(e) =>
                          edit(
                            (d) => updateMethod(d, m.name, (x) => ({ ...x, name: e.target.value })),
                            `m:${rowKey}:name`,
                          )
                        }
                      />
                    ) : (
                      <span className="cw-name">{r.name}</span>
                    )}
                    <ConflictPills marks={marks} />
                  </th>
                  <td>
                    {m ? (
                      <TypeFields
                        type={m.returnType}
                        allowVoid
                        label={`return value of ${label}`}
                        classes={classList}
                        disabled={readOnly}
                        onChange={(t) => edit((d) => updateMethod(d, m.name, (x) => ({ ...x, returnType: t })))}
                      />
                    ) : (
                      <span className="cw-type">{shown.returnType ? formatCimType(shown.returnType) : 'void'}</span>
                    )}
                  </td>
                  <td className="cw-sig">{signature(shown)}</td>
                  <OriginCell
                    declared={!!m}
                    inherited={!!inh}
                    classOrigin={r.classOrigin}
                    label={label}
                    onJump={jump}
                  />
                  <MemberActions
                    label={label}
                    readOnly={readOnly}
                    onDelete={m ? () => edit((d) => removeMethod(d, m.name)) : undefined}
                    onOverride={
                      !m && inh
                        ? () =>
                            edit((d) => ({
                              ...d,
                              methods: [
                                ...d.methods,
                                {
                                  name: inh.name,
                                  returnType: inh.returnType,
                                  parameters: inh.parameters,
                                  qualifiers: [],
                                },
                              ],
                            }))
                        : undefined
                    }
                  />
                </tr>
                {expanded && (
                  <tr className="cw-subrow">
                    <td colSpan={5}>
                      <ParameterTable method={shown} editable={!readOnly && !!m} classList={classList} />
                      <QualifierTable
                        target={{ kind: 'method', name: shown.name }}
                        inherited={inh?.qualifiers ?? []}
                        locked={!m}
                        caption={`Qualifiers of ${label}`}
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

function ParameterTable({ method, editable, classList }: { method: MethodDecl; editable: boolean; classList: string }) {
  const { edit } = useEditor();
  const [open, setOpen] = useState<string | null>(null);
  const label = (p: ParameterDecl) => `parameter ${p.name} of ${method.name}`;
  return (
    <table className="cw-table cw-params">
      <caption>Parameters of {method.name}</caption>
      <EditorTableHead columns={PARAMETER_COLUMNS} />
      <tbody>
        {method.parameters.length === 0 && <EmptyRow span={PARAMETER_COLUMNS.length + 1}>No parameters.</EmptyRow>}
        {method.parameters.map((p, i) => (
          <Fragment key={i}>
            <tr>
              <th scope="row" className="cw-namecell">
                <Twisty
                  expanded={open === p.name}
                  label={`Qualifiers of ${label(p)}`}
                  onToggle={() => setOpen(open === p.name ? null : p.name)}
                />
                <input
                  aria-label={`Name of ${label(p)}`}
                  value={p.name}
                  disabled={!editable}
                  onChange={(e) =>
                    edit(
                      (d) => updateParameter(d, method.name, p.name, (x) => ({ ...x, name: e.target.value })),
                      `pa:${method.name}:${i}`,
                    )
                  }
                />
              </th>
              <td>
                <TypeFields
                  type={p.type}
                  label={label(p)}
                  classes={classList}
                  disabled={!editable}
                  onChange={(t) =>
                    t && edit((d) => updateParameter(d, method.name, p.name, (x) => ({ ...x, type: t })))
                  }
                />
              </td>
              {(['In', 'Out'] as const).map((flag) => (
                <td key={flag} className="cw-center">
                  <input
                    type="checkbox"
                    aria-label={`${flag} ${label(p)}`}
                    checked={hasFlag(p, flag.toLowerCase())}
                    disabled={!editable}
                    onChange={(e) =>
                      edit((d) =>
                        toggleFlagQualifier(
                          d,
                          { kind: 'parameter', method: method.name, name: p.name },
                          flag,
                          e.target.checked,
                        ),
                      )
                    }
                  />
                </td>
              ))}
              <td className="cw-actions">
                {editable && (
                  <button
                    type="button"
                    className="cw-icon-btn"
                    aria-label={`Delete ${label(p)}`}
                    onClick={() => edit((d) => removeParameter(d, method.name, p.name))}
                  >
                    ✕
                  </button>
                )}
              </td>
            </tr>
            {open === p.name && (
              <tr className="cw-subrow">
                <td colSpan={5}>
                  <QualifierTable
                    target={{ kind: 'parameter', method: method.name, name: p.name }}
                    inherited={[]}
                    locked={!editable}
                    caption={`Qualifiers of ${label(p)}`}
                  />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
      {editable && (
        <tfoot>
          <tr>
            <td colSpan={5}>
              <button type="button" onClick={() => edit((d) => addParameter(d, method.name))}>
                + Add parameter
              </button>
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
