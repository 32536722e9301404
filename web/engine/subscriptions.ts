import { engine } from './engine';
import { engineStatusOf, invalidateOnChange as invalidateFrom, type Invalidator } from './invalidation';

export { engineKeys, type Invalidator } from './invalidation';

/** Invalidate TanStack queries from the page engine's change notices; returns the unsubscribe. */
export const invalidateOnChange = (queries: Invalidator): (() => void) => invalidateFrom(queries, engine);

/** The page engine's lifecycle as a useSyncExternalStore source. */
export const engineStatus = engineStatusOf(engine);
