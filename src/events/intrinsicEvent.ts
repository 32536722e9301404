import type { InstanceDefinition } from '../model';
import type { ResolvedClass } from '../resolve/resolvedClass';
import type { CimClass } from '../service/cimObjects';

export type IntrinsicEventClass =
  | '__ClassCreationEvent'
  | '__ClassModificationEvent'
  | '__ClassDeletionEvent'
  | '__InstanceCreationEvent'
  | '__InstanceModificationEvent'
  | '__InstanceDeletionEvent';

/** An intrinsic event as subscribers receive it (wmi-semantics §9.1), plain data. */
export interface IntrinsicEvent {
  readonly __CLASS: IntrinsicEventClass;
  readonly namespace: string;
  /** The class the event is about (for instance events, the instance's class). */
  readonly className: string;
  readonly TargetClass?: CimClass;
  readonly PreviousClass?: CimClass;
  readonly TargetInstance?: InstanceDefinition;
  readonly PreviousInstance?: InstanceDefinition;
  /** 100-ns ticks since 1601-01-01 UTC, as a decimal string (uint64). */
  readonly TIME_CREATED: string;
}

/** An event planned by an operation, raised only after its commit (decisions §5). */
export interface PendingEvent {
  readonly eventClass: IntrinsicEventClass;
  readonly ns: string;
  readonly className: string;
  /** The class before the change (modification and deletion events). */
  readonly previous?: ResolvedClass;
  readonly instance?: InstanceDefinition;
  readonly previousInstance?: InstanceDefinition;
}

export type EventListener = (event: IntrinsicEvent) => void;

export function timeCreatedNow(): string {
  // FILETIME epoch (1601) is 11644473600 s before the Unix epoch.
  return ((BigInt(Date.now()) + 11644473600000n) * 10000n).toString();
}
