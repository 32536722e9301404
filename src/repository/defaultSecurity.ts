import { WBEM_RIGHT } from '../errors/wbem';

/** Every right a namespace security descriptor can grant. */
export const ALL_RIGHTS = Object.values(WBEM_RIGHT).reduce((a, b) => a | b, 0);

/** The default descriptor of `root` (decisions §8); child namespaces inherit their parent's. */
export const DEFAULT_SECURITY: readonly { principal: string; rights: number }[] = [
  { principal: 'Administrators', rights: ALL_RIGHTS },
  {
    principal: 'Authenticated Users',
    rights: WBEM_RIGHT.ENABLE | WBEM_RIGHT.METHOD_EXECUTE | WBEM_RIGHT.WRITE_PROVIDER,
  },
];

export const DEFAULT_PRINCIPAL = 'Administrator';

/**
 * Group membership: the default caller `Administrator` is in Administrators; every other
 * principal is an authenticated user unless the repository was told otherwise.
 */
export function defaultGroupsOf(principal: string): readonly string[] {
  return principal.toLowerCase() === 'administrator'
    ? ['Administrators', 'Authenticated Users']
    : ['Authenticated Users'];
}
