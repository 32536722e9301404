import { createContext, useContext } from 'react';
import type { ClassDefinition, QualifierDeclaration } from '../../src/model';
import type { CimClass } from '../../src/service/cimObjects';
import type { ConflictMark } from '../state/status';

/** What every part of the class editor shares: the definition being edited and how to change it. */
export interface EditorCtx {
  readonly ns: string;
  /** The draft (or the stored definition when there is no draft). */
  readonly def: ClassDefinition;
  /** The stored local definition, to mark what a draft changed; null for a new class. */
  readonly base: ClassDefinition | null;
  /** The superclass's effective class. */
  readonly parent: CimClass | null;
  /** Edit the draft; `coalesce` merges quick successive edits of one field into one undo step. */
  edit(update: (def: ClassDefinition) => ClassDefinition, coalesce?: string): void;
  readonly readOnly: boolean;
  readonly conflicts: readonly ConflictMark[] | undefined;
  readonly decls: readonly QualifierDeclaration[];
  /** Select another class (jump-to links). */
  jump(className: string): void;
}

export const EditorContext = createContext<EditorCtx | null>(null);

export function useEditor(): EditorCtx {
  const c = useContext(EditorContext);
  if (!c) throw new Error('useEditor outside the class editor');
  return c;
}
