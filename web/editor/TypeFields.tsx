import { CIM_SCALAR_TYPES, type CimScalarType, type CimType } from '../../src/model';
import { withType } from './edit';

/** CIM type, array and reference / embedded class of a property, parameter or return value. */
export function TypeFields({
  type,
  onChange,
  label,
  disabled,
  changed,
  allowVoid,
  classes,
}: {
  type: CimType | null;
  onChange: (t: CimType | null) => void;
  /** What the fields are for, e.g. "property Size". */
  label: string;
  disabled?: boolean;
  changed?: boolean;
  allowVoid?: boolean;
  classes: string;
}) {
  const base = type?.base ?? 'void';
  return (
    <span className={`cw-typefields${changed ? ' cw-changed' : ''}`}>
      <select
        aria-label={`Type of ${label}`}
        value={base}
        disabled={disabled}
        onChange={(e) => {
          const v = e.target.value;
          if (v === 'void') onChange(null);
          else onChange(withType(type ?? { base: 'string', array: false }, { base: v as CimScalarType }));
        }}
      >
        {allowVoid && <option value="void">void</option>}
        {CIM_SCALAR_TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      {type && (
        <label className="cw-inline-check" title="Array">
          <input
            type="checkbox"
            aria-label={`Array ${label}`}
            checked={type.array}
            disabled={disabled}
            onChange={(e) => onChange(withType(type, { array: e.target.checked }))}
          />
          []
        </label>
      )}
      {type && (type.base === 'ref' || type.base === 'object') && (
        <input
          className="cw-classref"
          aria-label={`${type.base === 'ref' ? 'Reference target class' : 'Embedded class'} of ${label}`}
          placeholder={type.base === 'ref' ? 'target class' : 'class'}
          list={classes}
          value={type.className ?? ''}
          disabled={disabled}
          onChange={(e) => onChange(withType(type, { className: e.target.value.trim() || undefined }))}
        />
      )}
    </span>
  );
}
