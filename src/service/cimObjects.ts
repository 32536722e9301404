import type { CimValue, InstanceDefinition } from '../model';
import type { CimType } from '../model';
import type { ResolvedClass } from '../resolve/resolvedClass';

/** The ten system properties of a class object (wmi-semantics §7.3). */
export interface ClassSystemProperties {
  readonly __GENUS: 1;
  readonly __CLASS: string;
  readonly __SUPERCLASS: string | null;
  readonly __DYNASTY: string;
  readonly __DERIVATION: readonly string[];
  readonly __PROPERTY_COUNT: number;
  readonly __RELPATH: string;
  readonly __PATH: string;
  readonly __SERVER: string;
  readonly __NAMESPACE: string;
}

/** A class object as GetObject and CreateClassEnum return it: effective class plus system properties. */
export interface CimClass extends ResolvedClass {
  readonly genus: 'class';
  readonly system: ClassSystemProperties;
  /** The provider that owns the class, when one does. */
  readonly provider?: string;
  /** Read with USE_AMENDED_QUALIFIERS: carries merged locale data. */
  readonly amended?: boolean;
}

export interface InstanceSystemProperties {
  readonly __GENUS: 2;
  readonly __CLASS: string;
  readonly __RELPATH: string;
  readonly __PATH: string;
  readonly __SERVER: string;
  readonly __NAMESPACE: string;
}

/** A static instance with every property of its class (defaults filled in). */
export interface CimInstance {
  readonly genus: 'instance';
  readonly className: string;
  readonly properties: readonly { readonly name: string; readonly type: CimType; readonly value: CimValue }[];
  readonly system: InstanceSystemProperties;
  readonly definition: InstanceDefinition;
}

export function toCimClass(
  r: ResolvedClass,
  namespace: string,
  server: string,
  extra: { provider?: string; amended?: boolean } = {},
): CimClass {
  return {
    ...r,
    genus: 'class',
    system: {
      __GENUS: 1,
      __CLASS: r.name,
      __SUPERCLASS: r.superclass,
      __DYNASTY: r.derivation.length ? r.derivation[r.derivation.length - 1]! : r.name,
      __DERIVATION: r.derivation,
      __PROPERTY_COUNT: r.properties.length,
      __RELPATH: r.name,
      __PATH: `\\\\${server}\\${namespace}:${r.name}`,
      __SERVER: server,
      __NAMESPACE: namespace,
    },
    ...(extra.provider !== undefined ? { provider: extra.provider } : {}),
    ...(extra.amended ? { amended: true } : {}),
  };
}
