import { WBEM_FLAG } from '../../src/errors/wbem';

export type UpdateType = 'create' | 'update' | 'either';
export type UpdateMode = 'compatible' | 'safe' | 'force';
export type CallStyleChoice = 'sync' | 'semisync' | 'async';

export interface ContextValue {
  readonly name: string;
  readonly type: 'string' | 'sint32' | 'boolean' | 'real64';
  readonly value: string;
}

/** Everything the put dialog lets a person choose, in wbemtest's words. */
export interface PutChoices {
  readonly updateType: UpdateType;
  readonly mode: UpdateMode;
  readonly useAmended: boolean;
  readonly sendStatus: boolean;
  readonly ownerUpdate: boolean;
  readonly style: CallStyleChoice;
  readonly context: readonly ContextValue[];
  readonly principal: string;
}

export const DEFAULT_CHOICES: PutChoices = {
  updateType: 'either',
  mode: 'compatible',
  useAmended: false,
  sendStatus: true,
  ownerUpdate: false,
  style: 'async',
  context: [],
  principal: 'Administrator',
};

const TYPE_BITS: Record<UpdateType, number> = {
  either: WBEM_FLAG.CREATE_OR_UPDATE,
  update: WBEM_FLAG.UPDATE_ONLY,
  create: WBEM_FLAG.CREATE_ONLY,
};
const MODE_BITS: Record<UpdateMode, number> = {
  compatible: WBEM_FLAG.UPDATE_COMPATIBLE,
  safe: WBEM_FLAG.UPDATE_SAFE_MODE,
  force: WBEM_FLAG.UPDATE_FORCE_MODE,
};

/** The lFlags of the PutClass call, exactly as chosen (RETURN_IMMEDIATELY for semisync). */
export function putFlags(c: PutChoices): number {
  return (
    (TYPE_BITS[c.updateType] |
      MODE_BITS[c.mode] |
      (c.useAmended ? WBEM_FLAG.USE_AMENDED_QUALIFIERS : 0) |
      (c.sendStatus ? WBEM_FLAG.SEND_STATUS : 0) |
      (c.ownerUpdate ? WBEM_FLAG.OWNER_UPDATE : 0) |
      (c.style === 'semisync' ? WBEM_FLAG.RETURN_IMMEDIATELY : 0)) >>>
    0
  );
}

const NAMES: [number, string][] = [
  [WBEM_FLAG.UPDATE_ONLY, 'WBEM_FLAG_UPDATE_ONLY'],
  [WBEM_FLAG.CREATE_ONLY, 'WBEM_FLAG_CREATE_ONLY'],
  [WBEM_FLAG.RETURN_IMMEDIATELY, 'WBEM_FLAG_RETURN_IMMEDIATELY'],
  [WBEM_FLAG.UPDATE_SAFE_MODE, 'WBEM_FLAG_UPDATE_SAFE_MODE'],
  [WBEM_FLAG.UPDATE_FORCE_MODE, 'WBEM_FLAG_UPDATE_FORCE_MODE'],
  [WBEM_FLAG.SEND_STATUS, 'WBEM_FLAG_SEND_STATUS'],
  [WBEM_FLAG.OWNER_UPDATE, 'WBEM_FLAG_OWNER_UPDATE'],
  [WBEM_FLAG.USE_AMENDED_QUALIFIERS, 'WBEM_FLAG_USE_AMENDED_QUALIFIERS'],
];

/** `WBEM_FLAG_UPDATE_ONLY | WBEM_FLAG_SEND_STATUS`, or `0` (CREATE_OR_UPDATE, COMPATIBLE). */
export function flagNames(flags: number): string {
  const parts = NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  return parts.length ? parts.join(' | ') : 'WBEM_FLAG_CREATE_OR_UPDATE';
}

export const hex = (n: number) => `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

/** The IWbemContext named values, typed as chosen. */
export function contextObject(values: readonly ContextValue[]): Record<string, unknown> | null {
  const named = values.filter((v) => v.name.trim() !== '');
  if (named.length === 0) return null;
  const out: Record<string, unknown> = {};
  for (const v of named) {
    out[v.name.trim()] =
      v.type === 'boolean'
        ? v.value === 'true'
        : v.type === 'sint32'
          ? Number.parseInt(v.value, 10) || 0
          : v.type === 'real64'
            ? Number(v.value) || 0
            : v.value;
  }
  return out;
}

/** `(total << 16) | done` of a WBEM_STATUS_PROGRESS SetStatus. */
export function decodeProgress(hr: number): { done: number; total: number } {
  const v = hr >>> 0;
  return { total: (v >>> 16) & 0xffff, done: v & 0xffff };
}
