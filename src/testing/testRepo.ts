import { HR } from '../errors/wbem';
import type { IntrinsicEvent } from '../events/intrinsicEvent';
import type { CimValue, InstanceDefinition } from '../model';
import { Repository, type RepositoryOptions } from '../repository/Repository';
import { connectServer } from '../service/connectServer';
import type { ConnectOptions, WbemServices } from '../service/WbemServices';
import { snapshotNamespace, snapshotRepository } from './snapshot';

/** `inst('Item', { Id: 'a', Size: 3 })`: a static instance definition. */
export function inst(className: string, values: Readonly<Record<string, CimValue>> = {}): InstanceDefinition {
  return {
    genus: 'instance',
    className,
    qualifiers: [],
    properties: Object.entries(values).map(([name, value]) => ({ name, value })),
  };
}

/**
 * A fresh repository with a `root\test` namespace created the WMI way (an __NAMESPACE instance in
 * root), a service on it, and every intrinsic event recorded.
 */
export async function testRepo(options: RepositoryOptions = {}, connect: ConnectOptions = {}) {
  const repo = new Repository(options);
  const root = connectServer(repo, 'root').services!;
  const r = await root.putInstance(inst('__NAMESPACE', { Name: 'test' }));
  if (r.hr !== HR.S_NO_ERROR) throw new Error(`cannot create root\\test: ${r.hr}`);
  const events: IntrinsicEvent[] = [];
  repo.subscribe((e) => events.push(e));
  const svc: WbemServices = connectServer(repo, 'root\\test', connect).services!;
  const as = (user: string, locale?: number) =>
    connectServer(repo, 'root\\test', { user, ...(locale !== undefined ? { locale } : {}) }).services!;
  return {
    repo,
    svc,
    events,
    as,
    eventNames: () => events.map((e) => `${e.__CLASS}:${e.className}`),
    /** Forget the events recorded so far (e.g. after a test's setup). */
    clearEvents: () => void events.splice(0),
    /** JSON snapshot of root\test (classes, instances, qualifier declarations, security). */
    snapshot: () => snapshotNamespace(repo, 'root\\test'),
    /** JSON snapshot of every namespace. */
    snapshotAll: () => snapshotRepository(repo),
  };
}

export type TestRepo = Awaited<ReturnType<typeof testRepo>>;
