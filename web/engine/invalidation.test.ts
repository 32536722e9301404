import { afterEach, describe, expect, it } from 'vitest';
import { cls } from '../../src/model/build';
import type { EngineClient } from '../../src/worker/client';
import { createInProcessEngine } from '../../src/worker/inProcess';
import { engineKeys, engineStatusOf, invalidateOnChange } from './invalidation';

let engine: EngineClient | null = null;
afterEach(() => engine?.terminate());

describe('invalidateOnChange', () => {
  it('invalidates the history and what a commit touched', async () => {
    engine = createInProcessEngine();
    const keys: string[] = [];
    const off = invalidateOnChange({ invalidateQueries: ({ queryKey }) => keys.push(queryKey.join('/')) }, engine);
    await engine.api.putClass({ namespace: 'root\\cimv2' }, cls('Shape', null));
    await engine.api.info();
    expect(keys).toEqual(['engine/history', 'engine/root\\cimv2/class/shape', 'engine/root\\cimv2/classes']);
    expect(engineKeys.class('ROOT\\CIMV2', 'Shape')).toEqual(['engine', 'root\\cimv2', 'class', 'shape']);
    off();
  });

  it('exposes the lifecycle for useSyncExternalStore', async () => {
    engine = createInProcessEngine();
    const status = engineStatusOf(engine);
    let calls = 0;
    status.subscribe(() => calls++);
    await engine.ready;
    expect(status.getSnapshot()).toBe('ready');
    expect(calls).toBe(1);
  });
});
