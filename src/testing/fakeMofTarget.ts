import { WBEMSTATUS, WBEM_FLAG } from '../errors/wbem';
import type { ClassDefinition, InstanceDefinition, QualifierDeclaration, SourceLocation } from '../model';
import type { MofOpResult, MofTarget } from '../mof/mofTarget';

export const OK: MofOpResult = { hr: 0, errorObject: null };
const fail = (hr: number, what: string): MofOpResult => ({
  hr,
  errorObject: {
    __CLASS: '__ExtendedStatus',
    StatusCode: hr,
    Operation: 'PutClass',
    ParameterInfo: what,
    ProviderName: 'Windows Management',
    Description: `${what} refused`,
  },
});

/** A small in-memory repository: enough behaviour to observe what the compiler asks for. */
export class FakeMofTarget implements MofTarget {
  readonly log: string[] = [];
  readonly namespaces = new Set(['root', 'root\\default', 'root\\cimv2']);
  readonly classes = new Map<string, ClassDefinition>();
  readonly instances = new Map<string, InstanceDefinition>();
  readonly decls = new Map<string, QualifierDeclaration>();
  readonly locs: SourceLocation[] = [];
  refuse = new Set<string>();
  throwOn = new Set<string>();

  private key = (ns: string, name: string): string => `${ns.toLowerCase()}:${name.toLowerCase()}`;

  putQualifierDecl(ns: string, decl: QualifierDeclaration): Promise<MofOpResult> {
    this.log.push(`qualifier ${ns} ${decl.name} 0x${decl.flavor.toString(16)}`);
    this.decls.set(this.key(ns, decl.name), decl);
    return Promise.resolve(OK);
  }

  putClass(ns: string, def: ClassDefinition, flags: number, loc: SourceLocation): Promise<MofOpResult> {
    this.log.push(`class ${ns} ${def.name} 0x${flags.toString(16)}`);
    this.locs.push(loc);
    if (this.throwOn.has(def.name)) return Promise.reject(new Error('boom'));
    if (this.refuse.has(def.name)) return Promise.resolve(fail(WBEMSTATUS.WBEM_E_INVALID_SUPERCLASS, def.name));
    const exists = this.classes.has(this.key(ns, def.name));
    if ((flags & WBEM_FLAG.CREATE_ONLY) !== 0 && exists)
      return Promise.resolve(fail(WBEMSTATUS.WBEM_E_ALREADY_EXISTS, def.name));
    if ((flags & WBEM_FLAG.UPDATE_ONLY) !== 0 && !exists)
      return Promise.resolve(fail(WBEMSTATUS.WBEM_E_NOT_FOUND, def.name));
    this.classes.set(this.key(ns, def.name), def);
    return Promise.resolve(OK);
  }

  putInstance(ns: string, inst: InstanceDefinition, flags: number): Promise<MofOpResult> {
    const prop = (n: string): unknown => inst.properties.find((p) => p.name.toLowerCase() === n.toLowerCase())?.value;
    if (this.refuse.has(inst.className)) {
      this.log.push(`instance ${ns} ${inst.className} refused`);
      return Promise.resolve(fail(WBEMSTATUS.WBEM_E_INVALID_CLASS, inst.className));
    }
    const name = prop('Name');
    const path = name === undefined ? `${inst.className}=@` : `${inst.className}.Name=${JSON.stringify(name)}`;
    this.log.push(
      `instance ${ns} ${path} 0x${flags.toString(16)}${inst.properties
        .filter((p) => p.name !== 'Name')
        .map((p) => ` ${p.name}=${JSON.stringify(p.value)}`)
        .join('')}`,
    );
    if (inst.className.toLowerCase() === '__namespace') this.namespaces.add(`${ns}\\${String(name)}`);
    this.instances.set(this.key(ns, path), inst);
    return Promise.resolve({ ...OK, path });
  }

  deleteClass(ns: string, name: string): Promise<MofOpResult> {
    this.log.push(`deleteclass ${ns} ${name}`);
    return Promise.resolve(this.classes.delete(this.key(ns, name)) ? OK : fail(WBEMSTATUS.WBEM_E_NOT_FOUND, name));
  }

  deleteInstance(ns: string, path: string): Promise<MofOpResult> {
    this.log.push(`deleteinstance ${ns} ${path}`);
    return Promise.resolve(this.instances.delete(this.key(ns, path)) ? OK : fail(WBEMSTATUS.WBEM_E_NOT_FOUND, path));
  }

  getQualifierDecl(ns: string, name: string): QualifierDeclaration | undefined {
    return this.decls.get(this.key(ns, name));
  }

  hasNamespace(ns: string): boolean {
    return [...this.namespaces].some((n) => n.toLowerCase() === ns.toLowerCase());
  }
}
