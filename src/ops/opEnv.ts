import type { Change } from '../repository/change';
import type { NamespaceData } from '../repository/namespaceData';
import type { RepositoryState } from '../repository/RepositoryState';

/** What an operation's planner may see of the repository and the caller. */
export interface OpEnv {
  readonly state: RepositoryState;
  readonly ns: NamespaceData;
  /** The caller's rights on the namespace (union of its entry and its groups'). */
  readonly rights: number;
  /** The caller's locale (LCID), 0x409 unless chosen. */
  readonly locale: number;
  /** Names of the registered providers that claim a class, in registration order. */
  readonly claimants: (className: string) => readonly string[];
  /** Whether class a derives from (or is) class b in this namespace; undefined when a is unknown. */
  readonly isSubclassOf: (a: string, b: string) => boolean | undefined;
  /** The changes that create a namespace (security inherited from its parent). */
  readonly createNamespaceChanges: (path: string) => Change[];
}
