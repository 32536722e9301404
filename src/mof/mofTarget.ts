import type { ExtendedStatus } from '../errors/extendedStatus';
import type { ClassDefinition, InstanceDefinition, QualifierDeclaration, SourceLocation } from '../model';

/** The outcome of one operation a MOF compilation asked for. */
export interface MofOpResult {
  readonly hr: number;
  readonly errorObject: ExtendedStatus | null;
  /**
   * putInstance only: the object path of the stored instance (`Class.Key1="v",Key2=3`, built
   * from the class's keys). The compiler needs it to resolve `$Alias` references; optional so
   * existing targets stay valid (an aliased instance without a path cannot be referred to).
   */
  readonly path?: string;
}

/**
 * What the MOF compiler drives: the repository inside one import transaction (decisions §12).
 * Namespaces are full paths (`root\cimv2`); flags are WBEM_FLAG bits. Each call sees the
 * effect of the ones before it in the same import.
 */
export interface MofTarget {
  putQualifierDecl(namespace: string, decl: QualifierDeclaration, loc: SourceLocation): Promise<MofOpResult>;
  putClass(namespace: string, def: ClassDefinition, flags: number, loc: SourceLocation): Promise<MofOpResult>;
  putInstance(namespace: string, inst: InstanceDefinition, flags: number, loc: SourceLocation): Promise<MofOpResult>;
  deleteClass(namespace: string, className: string, loc: SourceLocation): Promise<MofOpResult>;
  deleteInstance(namespace: string, objectPath: string, loc: SourceLocation): Promise<MofOpResult>;
  /** The qualifier declaration in force in a namespace (for default flavors and value types). */
  getQualifierDecl(namespace: string, name: string): QualifierDeclaration | undefined;
  /** Whether a namespace exists (a `#pragma namespace` may name one created earlier in the import). */
  hasNamespace(namespace: string): boolean;
}
