import { HR } from '../errors/wbem';
import type { IntrinsicEvent } from '../events/intrinsicEvent';
import { Repository, type RepositoryOptions } from '../repository/Repository';
import { connectServer } from '../service/connectServer';
import type { ConnectOptions, WbemServices } from '../service/WbemServices';

/**
 * A fresh repository with a `root\test` namespace created the WMI way (an __NAMESPACE instance in
 * root), a service on it, and every intrinsic event recorded.
 */
export async function testRepo(options: RepositoryOptions = {}, connect: ConnectOptions = {}) {
  const repo = new Repository(options);
  const root = connectServer(repo, 'root').services!;
  const r = await root.putInstance({
    genus: 'instance',
    className: '__NAMESPACE',
    qualifiers: [],
    properties: [{ name: 'Name', value: 'test' }],
  });
  if (r.hr !== HR.S_NO_ERROR) throw new Error(`cannot create root\\test: ${r.hr}`);
  const events: IntrinsicEvent[] = [];
  repo.subscribe((e) => events.push(e));
  const svc: WbemServices = connectServer(repo, 'root\\test', connect).services!;
  const as = (user: string) => connectServer(repo, 'root\\test', { user }).services!;
  return { repo, svc, events, as, eventNames: () => events.map((e) => `${e.__CLASS}:${e.className}`) };
}
