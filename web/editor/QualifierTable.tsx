import { useId, useState } from 'react';
import { WBEM_FLAVOR } from '../../src/errors/wbem';
import type { CimScalarType, CimType, Qualifier } from '../../src/model';
import type { ResolvedQualifier } from '../../src/resolve/resolvedClass';
import { getQualifiers, putQualifier, removeQualifier, targetLabel, type QualTarget } from './edit';
import { useEditor } from './context';
import { qualifierRows } from './effective';
import { ValueInput } from './ValueInput';
import { getClient } from '../data/engine';
import { traceOverlay, useTrace } from '../state/preview';
import { ConflictPills, EditorTableHead, EmptyRow } from './tableParts';

const FLAVORS: { bit: number; name: string; short: string }[] = [
  { bit: WBEM_FLAVOR.PROPAGATE_TO_INSTANCE, name: 'ToInstance', short: 'ToInst' },
  { bit: WBEM_FLAVOR.PROPAGATE_TO_DERIVED_CLASS, name: 'ToSubClass', short: 'ToSub' },
  { bit: WBEM_FLAVOR.NOT_OVERRIDABLE, name: 'DisableOverride', short: 'NoOvr' },
  { bit: WBEM_FLAVOR.AMENDED, name: 'Amended', short: 'Amd' },
];

const QUAL_TYPES: CimScalarType[] = ['boolean', 'string', 'sint32', 'uint32', 'sint64', 'uint64', 'real64', 'datetime'];

const conflictName = (t: QualTarget, q: string) =>
  t.kind === 'property' || t.kind === 'method' ? `${t.name}.${q}` : q;

/**
 * Qualifiers of a class, property, method or parameter: value, type, the four flavor toggles and
 * the origin (local, or propagated from the superclass, greyed and read-only until overridden).
 */
/** Named columns before the flavor columns (Origin and the actions follow them). */
const QUALIFIER_COLUMNS = ['Qualifier', 'Type', 'Value'];

export function QualifierTable({
  target,
  inherited,
  inheritKey,
  caption,
  locked,
}: {
  locked?: boolean;
  target: QualTarget;
  inherited: readonly ResolvedQualifier[];
  inheritKey?: boolean;
  caption: string;
}) {
  const { ns, def, base, edit, readOnly: ro, conflicts, decls } = useEditor();
  const setTrace = useTrace((s) => s.set);
  const traceable = base !== null && target.kind !== 'parameter';
  const showPropagation = async (qualifier: string) => {
    const element =
      target.kind === 'property' ? { property: target.name } : target.kind === 'method' ? { method: target.name } : {};
    const t = await getClient().api.traceQualifier({ namespace: ns }, base!.name, qualifier, element);
    setTrace(t ? traceOverlay(ns, t) : null);
  };
  const readOnly = ro || !!locked;
  const local = getQualifiers(def, target);
  const baseQs = base ? getQualifiers(base, target) : null;
  const rows = qualifierRows(local, inherited, inheritKey);
  const what = targetLabel(target);
  const listId = useId();
  const [newName, setNewName] = useState('');
  const coalesce = (field: string) => `q:${what}:${field}`;

  const add = () => {
    const name = newName.trim();
    if (!name) return;
    const decl = decls.find((d) => d.name.toLowerCase() === name.toLowerCase());
    const type: CimType = decl?.type ?? { base: 'boolean', array: false };
    const value =
      decl?.defaultValue !== undefined && decl.defaultValue !== null
        ? decl.defaultValue
        : type.base === 'boolean'
          ? true
          : type.array
            ? []
            : type.base === 'string'
              ? ''
              : 0;
    edit((d) => putQualifier(d, target, { name: decl?.name ?? name, type, value, flavor: decl?.flavor ?? 0 }));
    setNewName('');
  };

  return (
    <table className="cw-table cw-quals">
      <caption>{caption}</caption>
      <EditorTableHead
        columns={QUALIFIER_COLUMNS}
        extra={
          <>
            {FLAVORS.map((f) => (
              <th scope="col" key={f.name} className="cw-flavor-col" title={f.name}>
                <abbr title={f.name}>{f.short}</abbr>
              </th>
            ))}
            <th scope="col">Origin</th>
          </>
        }
      />
      <tbody>
        {rows.length === 0 && <EmptyRow span={QUALIFIER_COLUMNS.length + FLAVORS.length + 2}>No qualifiers.</EmptyRow>}
        {rows.map((r, i) => {
          const q = r.q;
          const inh = r.origin === 'propagated';
          const disabled = readOnly || inh;
          const baseQ = baseQs?.find((x) => x.name.toLowerCase() === q.name.toLowerCase());
          const changed = !inh && (baseQs === null || !baseQ || JSON.stringify(baseQ) !== JSON.stringify(q));
          const marks = (conflicts ?? []).filter(
            (c) => c.element === 'qualifier' && c.name.toLowerCase() === conflictName(target, q.name).toLowerCase(),
          );
          const label = `${q.name} on ${what}`;
          const update = (patch: Partial<Qualifier>, field: string) =>
            edit((d) => putQualifier(d, target, { ...q, ...patch }, q.name), coalesce(`${i}:${field}`));
          return (
            <tr
              key={inh ? `p:${q.name}` : `l:${i}`}
              className={`${inh ? 'cw-inherited' : ''}${changed ? ' cw-row-changed' : ''}${marks.length ? ' cw-row-conflict' : ''}`}
            >
              <th scope="row" className="cw-namecell">
                {inh ? (
                  <span className="cw-name">{q.name}</span>
                ) : (
                  <input
                    aria-label={`Name of qualifier ${q.name} on ${what}`}
                    value={q.name}
                    disabled={readOnly}
                    className={baseQ ? '' : changed ? 'cw-changed' : ''}
                    onChange={(e) =>
                      edit(
                        (d) => putQualifier(d, target, { ...q, name: e.target.value }, q.name),
                        coalesce(`${i}:name`),
                      )
                    }
                  />
                )}
                {r.locked && (
                  <span
                    className="cw-lock"
                    title="Inherited with DisableOverride: a subclass may not give it another value"
                  >
                    locked
                  </span>
                )}
                <ConflictPills marks={marks} />
              </th>
              <td>
                <select
                  aria-label={`Type of qualifier ${label}`}
                  value={q.type.base}
                  disabled={disabled}
                  onChange={(e) => update({ type: { ...q.type, base: e.target.value as CimScalarType } }, 'type')}
                >
                  {[...new Set([q.type.base, ...QUAL_TYPES])].map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
                <label className="cw-inline-check" title="Array">
                  <input
                    type="checkbox"
                    aria-label={`Array qualifier ${label}`}
                    checked={q.type.array}
                    disabled={disabled}
                    onChange={(e) =>
                      update(
                        {
                          type: { ...q.type, array: e.target.checked },
                          value: e.target.checked
                            ? Array.isArray(q.value)
                              ? q.value
                              : q.value === null
                                ? []
                                : [q.value]
                            : Array.isArray(q.value)
                              ? (q.value[0] ?? null)
                              : q.value,
                        },
                        'array',
                      )
                    }
                  />
                  []
                </label>
              </td>
              <td className="cw-valcell">
                {q.type.base === 'boolean' && !q.type.array ? (
                  <select
                    aria-label={`Value of qualifier ${label}`}
                    value={q.value === null ? 'NULL' : q.value ? 'TRUE' : 'FALSE'}
                    disabled={disabled}
                    onChange={(e) =>
                      update({ value: e.target.value === 'NULL' ? null : e.target.value === 'TRUE' }, 'value')
                    }
                  >
                    <option>TRUE</option>
                    <option>FALSE</option>
                  </select>
                ) : (
                  <ValueInput
                    value={q.value}
                    type={q.type}
                    label={`Value of qualifier ${label}`}
                    disabled={disabled}
                    onCommit={(v) => update({ value: v === undefined ? (q.type.array ? [] : '') : v }, 'value')}
                  />
                )}
              </td>
              {FLAVORS.map((f) => (
                <td key={f.name} className="cw-flavor-col">
                  <input
                    type="checkbox"
                    aria-label={`${f.name} flavor of qualifier ${label}`}
                    checked={(q.flavor & f.bit) !== 0}
                    disabled={disabled}
                    onChange={(e) =>
                      update({ flavor: e.target.checked ? q.flavor | f.bit : q.flavor & ~f.bit }, `flavor${f.bit}`)
                    }
                  />
                </td>
              ))}
              <td className={`cw-origin${inh ? ' cw-origin-propagated' : ''}`}>
                {inh ? 'propagated' : r.overrides ? 'local (override)' : 'local'}
              </td>
              <td className="cw-actions">
                {traceable && (inh || baseQ) && (
                  <button
                    type="button"
                    className="cw-link-btn"
                    aria-label={`Show propagation of qualifier ${label}`}
                    title="Show on the graph every subclass that receives it (stored classes)"
                    onClick={() => void showPropagation(q.name)}
                  >
                    propagation
                  </button>
                )}
                {!readOnly && !inh && (
                  <button
                    type="button"
                    className="cw-icon-btn"
                    aria-label={`Delete qualifier ${label}`}
                    title="Delete"
                    onClick={() => edit((d) => removeQualifier(d, target, q.name))}
                  >
                    ✕
                  </button>
                )}
                {!readOnly && inh && (
                  <button
                    type="button"
                    className="cw-link-btn"
                    aria-label={`Override qualifier ${label}`}
                    title={
                      r.locked
                        ? 'DisableOverride: only the same value is accepted'
                        : 'Declare it locally with its own value'
                    }
                    onClick={() =>
                      edit((d) =>
                        putQualifier(d, target, {
                          name: q.name,
                          type: q.type,
                          value: q.value,
                          flavor: q.flavor & ~0x20,
                        }),
                      )
                    }
                  >
                    override
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
      {!readOnly && (
        <tfoot>
          <tr>
            <td colSpan={9}>
              <form
                className="cw-add-row"
                onSubmit={(e) => {
                  e.preventDefault();
                  add();
                }}
              >
                <input
                  aria-label={`New qualifier name for ${what}`}
                  placeholder="Qualifier name"
                  list={listId}
                  value={newName}
                  onChange={(e) => setNewName(e.target.value)}
                />
                <datalist id={listId}>
                  {decls.map((d) => (
                    <option key={d.name} value={d.name} />
                  ))}
                </datalist>
                <button type="submit" disabled={!newName.trim()}>
                  Add qualifier
                </button>
              </form>
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
