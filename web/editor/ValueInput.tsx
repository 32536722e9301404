import { useEffect, useId, useState } from 'react';
import type { CimType, CimValue } from '../../src/model';
import { formatValue, parseValue } from './valueText';

/**
 * A value typed as text (MOF syntax for arrays), committed only when it parses for its type;
 * a value that does not parse is flagged on the field and stays local.
 */
export function ValueInput({
  value,
  type,
  onCommit,
  label,
  disabled,
  changed,
  placeholder,
}: {
  value: CimValue | undefined;
  type: CimType;
  onCommit: (v: CimValue | undefined) => void;
  label: string;
  disabled?: boolean;
  changed?: boolean;
  placeholder?: string;
}) {
  const shown = formatValue(value, type);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const errId = useId();
  useEffect(() => {
    setText((t) => {
      const p = parseValue(t, type);
      return p.ok && formatValue(p.value, type) === shown ? t : shown;
    });
    setError(null);
  }, [shown, type]);
  return (
    <span className="cw-value">
      <input
        aria-label={label}
        value={text}
        disabled={disabled}
        placeholder={placeholder}
        className={`${changed ? 'cw-changed' : ''}${error ? ' cw-invalid' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const p = parseValue(e.target.value, type);
          if (p.ok) {
            setError(null);
            onCommit(p.value);
          } else setError(p.error);
        }}
      />
      {error && (
        <span id={errId} className="cw-field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
