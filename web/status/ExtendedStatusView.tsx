import type { ExtendedStatus } from '../../src/errors/extendedStatus';
import { hrName } from '../../src/errors/wbem';
import { hex } from '../data/flags';

/** The `__ExtendedStatus` error object, every field, as text. */
export function ExtendedStatusView({ eo }: { eo: ExtendedStatus }) {
  return (
    <dl className="cw-ext">
      <dt>__CLASS</dt>
      <dd>{eo.__CLASS}</dd>
      <dt>StatusCode</dt>
      <dd>
        {hex(eo.StatusCode)} {hrName(eo.StatusCode)}
      </dd>
      <dt>Operation</dt>
      <dd>{eo.Operation}</dd>
      <dt>ParameterInfo</dt>
      <dd>{eo.ParameterInfo || '—'}</dd>
      <dt>ProviderName</dt>
      <dd>{eo.ProviderName}</dd>
      <dt>Description</dt>
      <dd>{eo.Description}</dd>
      {eo.Location && (
        <>
          <dt>Location</dt>
          <dd>
            {eo.Location.file}:{eo.Location.line}:{eo.Location.column}
          </dd>
        </>
      )}
      {eo.Path && eo.Path.length > 0 && (
        <>
          <dt>Path</dt>
          <dd>{eo.Path.join(' › ')}</dd>
        </>
      )}
      {eo.Conflicts && eo.Conflicts.length > 0 && (
        <>
          <dt>Conflicts</dt>
          <dd>
            <ul>
              {eo.Conflicts.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}
