import type { PendingEvent } from '../events/intrinsicEvent';
import { reverseChanges, type Change } from './change';
import type { RepositoryState } from './RepositoryState';

/**
 * One repository transaction: operations apply their planned changes to the live state as they
 * go (so later operations of a MOF import see earlier ones); a rollback applies the reverse.
 * Events wait for the commit.
 */
export class Txn {
  readonly changes: Change[] = [];
  readonly events: PendingEvent[] = [];
  aborted = false;

  constructor(
    private readonly state: RepositoryState,
    readonly label: string,
  ) {}

  /** Apply one operation's changes; returns the index to roll that operation back to. */
  apply(changes: readonly Change[], events: readonly PendingEvent[]): number {
    const mark = this.changes.length;
    for (const c of changes) {
      this.state.apply(c);
      this.changes.push(c);
    }
    this.events.push(...events);
    return mark;
  }

  /** Undo the changes applied since `mark` (one operation that failed after applying, e.g. a quota). */
  revertTo(mark: number, eventMark: number): void {
    const undone = this.changes.splice(mark);
    for (const c of reverseChanges(undone)) this.state.apply(c);
    this.events.splice(eventMark);
  }

  rollback(): void {
    this.revertTo(0, 0);
  }
}
