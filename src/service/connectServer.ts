import { HR } from '../errors/wbem';
import type { Repository } from '../repository/Repository';
import { WbemServices, type ConnectOptions } from './WbemServices';

/** IWbemLocator::ConnectServer: a service bound to a namespace, principal and locale. */
export function connectServer(
  repo: Repository,
  namespace: string,
  options: ConnectOptions = {},
): { hr: number; services: WbemServices | null } {
  const ns = repo.state.ns(namespace);
  if (!ns) return { hr: HR.E_INVALID_NAMESPACE, services: null };
  return { hr: HR.S_NO_ERROR, services: new WbemServices(repo, ns.path, options) };
}
