import type { InstanceDefinition, QualifierDeclaration } from '../model';
import type { StoredClass } from './namespaceData';

/**
 * One reversible change to the repository. Every operation plans a list of these and the
 * repository applies them; undo applies the reverse (tldraw's RecordsDiff idea).
 */
export type Change =
  | { readonly kind: 'namespace'; readonly ns: string; readonly before?: true; readonly after?: true }
  | {
      readonly kind: 'class';
      readonly ns: string;
      readonly name: string;
      readonly before?: StoredClass;
      readonly after?: StoredClass;
    }
  | {
      readonly kind: 'instance';
      readonly ns: string;
      readonly className: string;
      readonly path: string;
      readonly before?: InstanceDefinition;
      readonly after?: InstanceDefinition;
    }
  | {
      readonly kind: 'qualifierDecl';
      readonly ns: string;
      readonly name: string;
      readonly before?: QualifierDeclaration;
      readonly after?: QualifierDeclaration;
    }
  | {
      readonly kind: 'security';
      readonly ns: string;
      readonly principal: string;
      readonly before?: number;
      readonly after?: number;
    };

/** The same change undone. */
export function reverseChange(c: Change): Change {
  const { before, after, ...rest } = c as Change & { before?: unknown; after?: unknown };
  const out: Record<string, unknown> = { ...rest };
  if (after !== undefined) out['before'] = after;
  if (before !== undefined) out['after'] = before;
  return out as Change;
}

export function reverseChanges(changes: readonly Change[]): Change[] {
  const out: Change[] = [];
  for (let i = changes.length - 1; i >= 0; i--) out.push(reverseChange(changes[i]!));
  return out;
}
