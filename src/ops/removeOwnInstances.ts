import type { PendingEvent } from '../events/intrinsicEvent';
import type { Change } from '../repository/change';
import type { NamespaceData } from '../repository/namespaceData';

/** Changes and events that delete a class's own static instances; returns their paths. */
export function removeOwnInstances(
  ns: NamespaceData,
  key: string,
  changes: Change[],
  events: PendingEvent[],
): string[] {
  const paths: string[] = [];
  for (const inst of ns.instancesOf(key).values()) {
    changes.push({ kind: 'instance', ns: ns.path, className: inst.def.className, path: inst.path, before: inst.def });
    events.push({
      eventClass: '__InstanceDeletionEvent',
      ns: ns.path,
      className: inst.def.className,
      instance: inst.def,
    });
    paths.push(inst.path);
  }
  return paths;
}
