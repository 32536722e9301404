import { hrName, WBEM_FLAG } from '../errors/wbem';
import type { Change } from '../repository/change';
import type { HistoryLabel } from '../storage/StoragePort';

/** Flag bits worth naming in a history line, per operation family. */
const PUT_FLAGS: readonly [number, string][] = [
  [WBEM_FLAG.UPDATE_ONLY, 'UPDATE_ONLY'],
  [WBEM_FLAG.CREATE_ONLY, 'CREATE_ONLY'],
  [WBEM_FLAG.UPDATE_SAFE_MODE, 'UPDATE_SAFE_MODE'],
  [WBEM_FLAG.UPDATE_FORCE_MODE, 'UPDATE_FORCE_MODE'],
  [WBEM_FLAG.OWNER_UPDATE, 'OWNER_UPDATE'],
  [WBEM_FLAG.USE_AMENDED_QUALIFIERS, 'USE_AMENDED_QUALIFIERS'],
];

export function flagsText(flags: number | undefined): string {
  if (!flags) return '';
  const names = PUT_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  return names.join(' | ');
}

/** `PutClass Shape (UPDATE_SAFE_MODE)`, `DeleteClass Shape`, `MOF import cim_schema.mof`. */
export function makeLabel(
  operation: string,
  fields: { namespace?: string; target?: string; flags?: number; hr?: number } = {},
): HistoryLabel {
  const hr = fields.hr ?? 0;
  const flags = flagsText(fields.flags);
  const parts = [operation, fields.target ?? ''].filter(Boolean).join(' ');
  const text = `${parts}${flags ? ` (${flags})` : ''}${hr !== 0 ? ` → ${hrName(hr)}` : ''}`;
  return {
    operation,
    ...(fields.namespace !== undefined ? { namespace: fields.namespace } : {}),
    ...(fields.target !== undefined ? { target: fields.target } : {}),
    ...(fields.flags !== undefined ? { flags: fields.flags } : {}),
    hr,
    text,
  };
}

/** The label an undo or redo of an entry gets: `Undo PutClass Shape`. */
export function undoLabel(kind: 'Undo' | 'Redo', of: HistoryLabel): HistoryLabel {
  return {
    operation: kind,
    ...(of.namespace !== undefined ? { namespace: of.namespace } : {}),
    ...(of.target !== undefined ? { target: of.target } : {}),
    hr: 0,
    text: `${kind} ${of.text}`,
  };
}

/**
 * A label from the committed changes alone, for commits no call announced: the operation's
 * repository label and the thing it mainly changed (the first class, else instance, else other).
 */
export function labelFromChanges(operation: string, changes: readonly Change[]): HistoryLabel {
  const cls = changes.find((c) => c.kind === 'class');
  const main = cls ?? changes.find((c) => c.kind === 'instance') ?? changes[0];
  let target: string | undefined;
  if (main) {
    if (main.kind === 'class' || main.kind === 'qualifierDecl') target = main.name;
    else if (main.kind === 'instance') target = main.path;
    else if (main.kind === 'security') target = main.principal;
    else target = main.ns;
  }
  return makeLabel(operation, {
    ...(main ? { namespace: main.ns } : {}),
    ...(target !== undefined ? { target } : {}),
  });
}
