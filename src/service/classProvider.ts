import type { ClassDefinition } from '../model';
import type { WbemContext } from './sink';

/**
 * A class provider's implementation (decisions §9). It answers with an HRESULT:
 * WBEM_S_NO_ERROR stores the class as provider-owned, WBEM_E_PROVIDER_NOT_CAPABLE passes the call to
 * the next registered provider, anything else is final. The context arrives unchanged.
 */
export interface ClassProvider {
  putClassAsync(def: ClassDefinition, flags: number, context: WbemContext | null): Promise<number> | number;
  deleteClassAsync(className: string, flags: number, context: WbemContext | null): Promise<number> | number;
}
