/**
 * The only bridge between the UI and the engine worker. Import from here, never from src/.
 */
export { engine } from './engine';
export { classwright, type ClasswrightGlobal } from './classwrightGlobal';
export { engineKeys, invalidateOnChange, engineStatus, type Invalidator } from './subscriptions';
export type { EngineApi, Conn, ChangeNotice, EngineInfo } from '../../src/worker/engineApi';
export type { EngineClient, EngineSink, Connection } from '../../src/worker/client';
