import { HR } from '../errors/wbem';
import { nameKey, type CimObjectDefinition } from '../model';
import { compileMof } from '../mof/compileMof';
import type { MofDiagnostic } from '../mof/diagnostics';
import type { MofTarget } from '../mof/mofTarget';
import { parseMof } from '../mof/parseMof';
import type { WbemServices } from './WbemServices';

/**
 * Turn MOF text holding exactly one class or instance declaration into the object a caller puts,
 * with qualifier flavors and types from the declarations in force in the service's namespace.
 * Nothing is stored: the compiler runs against a target that only captures.
 */
export async function parseObjectMof(
  svc: WbemServices,
  text: string,
): Promise<
  | { ok: true; object: CimObjectDefinition }
  | { ok: false; hr: number; diagnostics: readonly MofDiagnostic[]; message: string }
> {
  const { document, diagnostics } = parseMof(text, '<object>');
  if (diagnostics.length > 0)
    return { ok: false, hr: diagnostics[0]!.hr, diagnostics, message: diagnostics[0]!.message };
  const captured: CimObjectDefinition[] = [];
  const ns = svc.repo.state.ns(svc.namespace);
  const okResult = { hr: HR.S_NO_ERROR, errorObject: null };
  const target: MofTarget = {
    putQualifierDecl: async () => okResult,
    putClass: async (_ns, def) => (captured.push(def), okResult),
    putInstance: async (_ns, inst) => (captured.push(inst), okResult),
    deleteClass: async () => okResult,
    deleteInstance: async () => okResult,
    getQualifierDecl: (_ns, name) => ns?.qualifierDecls.get(nameKey(name)),
    hasNamespace: () => true,
  };
  const r = await compileMof([document], target, { defaultNamespace: svc.namespace });
  if (r.hr >>> 0 >= 0x80000000) return { ok: false, hr: r.hr, diagnostics: [], message: r.failures[0]?.message ?? '' };
  if (captured.length !== 1) {
    return {
      ok: false,
      hr: HR.E_INVALID_PARAMETER,
      diagnostics: [],
      message: `expected exactly one class or instance declaration, found ${captured.length}`,
    };
  }
  return { ok: true, object: captured[0]! };
}
