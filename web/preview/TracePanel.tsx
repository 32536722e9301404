import { plural } from './plural';
import { WBEM_FLAVOR } from '../../src/errors/wbem';
import { useTrace } from '../state/preview';

const FLAVOR_NAMES: [number, string][] = [
  [WBEM_FLAVOR.PROPAGATE_TO_INSTANCE, 'ToInstance'],
  [WBEM_FLAVOR.PROPAGATE_TO_DERIVED_CLASS, 'ToSubClass'],
  [WBEM_FLAVOR.NOT_OVERRIDABLE, 'DisableOverride'],
  [WBEM_FLAVOR.AMENDED, 'Amended'],
];

/** The qualifier propagation overlay's legend: receivers, blocked overrides, instance scope. */
export function TracePanel({ ns, onJump }: { ns: string; onJump: (name: string) => void }) {
  const overlay = useTrace((s) => s.overlay);
  const clear = useTrace((s) => s.set);
  if (!overlay || overlay.ns.toLowerCase() !== ns.toLowerCase()) return null;
  const t = overlay.trace;
  const where = t.element.property
    ? `property ${t.element.property} of `
    : t.element.method
      ? `method ${t.element.method} of `
      : '';
  const flavors = FLAVOR_NAMES.filter(([bit]) => t.flavor & bit).map(([, n]) => n);
  const blocked = t.receivers.filter((r) => !r.overridable).length;
  const jump = (name: string) => (
    <button type="button" className="cw-link-btn" onClick={() => onJump(name)} aria-label={`Jump to ${name}`}>
      {name}
    </button>
  );
  return (
    <section className="cw-live-preview cw-trace-panel" aria-label={`Propagation of qualifier ${t.qualifier}`}>
      <h3>
        Propagation of {t.qualifier} on {where}
        {t.className}
      </h3>
      <p>
        Declared in {t.declaredIn}; flavors: {flavors.length ? flavors.join(', ') : 'none'}.{' '}
        {plural(t.receivers.length, 'subclass')} receive it; override blocked in {blocked}.
      </p>
      {t.receivers.length > 0 && (
        <ul className="cw-conflict-list" aria-label="Receiving subclasses">
          {t.receivers.map((r) => (
            <li key={r.className}>
              {jump(r.className)}: {r.via}
              {r.overridable ? '' : ', override blocked (DisableOverride)'}
            </li>
          ))}
        </ul>
      )}
      <p>Instance scope (ToInstance): {t.instanceScope.length === 0 ? <span className="cw-muted">none</span> : null}</p>
      {t.instanceScope.length > 0 && (
        <ul className="cw-conflict-list" aria-label="Instance scope">
          {t.instanceScope.map((s) => (
            <li key={s.className}>
              {s.className}: {plural(s.instances, 'instance')}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => clear(null)}>
        Clear propagation
      </button>
    </section>
  );
}
