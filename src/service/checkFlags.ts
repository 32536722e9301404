import { HR, WBEM_FLAG } from '../errors/wbem';

const F = WBEM_FLAG;

/** Allowed lFlags bits per call (decisions §1). */
export const ALLOWED_FLAGS = {
  putClass:
    F.UPDATE_ONLY |
    F.CREATE_ONLY |
    F.RETURN_IMMEDIATELY |
    F.UPDATE_SAFE_MODE |
    F.UPDATE_FORCE_MODE |
    F.OWNER_UPDATE |
    F.USE_AMENDED_QUALIFIERS,
  putClassAsync:
    F.UPDATE_ONLY |
    F.CREATE_ONLY |
    F.UPDATE_SAFE_MODE |
    F.UPDATE_FORCE_MODE |
    F.SEND_STATUS |
    F.OWNER_UPDATE |
    F.USE_AMENDED_QUALIFIERS,
  deleteClass: F.RETURN_IMMEDIATELY | F.OWNER_UPDATE,
  deleteClassAsync: F.SEND_STATUS | F.OWNER_UPDATE,
  putInstance: F.UPDATE_ONLY | F.CREATE_ONLY | F.RETURN_IMMEDIATELY | F.USE_AMENDED_QUALIFIERS,
  putInstanceAsync: F.UPDATE_ONLY | F.CREATE_ONLY | F.SEND_STATUS | F.USE_AMENDED_QUALIFIERS,
  deleteInstance: F.RETURN_IMMEDIATELY,
  deleteInstanceAsync: F.SEND_STATUS,
  getObject: F.USE_AMENDED_QUALIFIERS | F.RETURN_IMMEDIATELY | F.DIRECT_READ,
  createClassEnum: F.SHALLOW | F.USE_AMENDED_QUALIFIERS | F.RETURN_IMMEDIATELY | F.FORWARD_ONLY,
  createInstanceEnum: F.SHALLOW | F.USE_AMENDED_QUALIFIERS | F.RETURN_IMMEDIATELY | F.FORWARD_ONLY,
  importMof:
    F.UPDATE_ONLY | F.CREATE_ONLY | F.UPDATE_SAFE_MODE | F.UPDATE_FORCE_MODE | F.SEND_STATUS | F.USE_AMENDED_QUALIFIERS,
} as const;

export type FlaggedCall = keyof typeof ALLOWED_FLAGS;

/** The flag checks every call makes before anything runs: foreign bits and contradictions. */
export function checkFlags(call: FlaggedCall, flags: number): number {
  const f = flags >>> 0;
  if ((f & ~ALLOWED_FLAGS[call]) !== 0) return HR.E_INVALID_PARAMETER;
  if ((f & (F.UPDATE_ONLY | F.CREATE_ONLY)) === (F.UPDATE_ONLY | F.CREATE_ONLY)) return HR.E_INVALID_PARAMETER;
  if (call.startsWith('put') || call === 'importMof') {
    if ((f & F.MASK_UPDATE_MODE) === F.MASK_UPDATE_MODE) return HR.E_INVALID_PARAMETER;
  }
  return HR.S_NO_ERROR;
}
