import { isScalarTypeName, QUALIFIER_SCOPES, sameName, type CimScalarType } from '../model';
import type {
  AliasRefNode,
  ArraySuffixNode,
  ArrayValueNode,
  ClassDeclarationNode,
  ConstantValueNode,
  Definition,
  FeatureNode,
  FlavorNode,
  InstanceDeclarationNode,
  InstanceValueNode,
  Loc,
  MethodNode,
  MofDocument,
  NameNode,
  ParameterNode,
  PragmaArgument,
  PragmaNode,
  PropertyAssignmentNode,
  QualifierDeclarationNode,
  QualifierNode,
  TypeNode,
  ValueNode,
} from './ast';
import { makeDiagnostic, type DiagnosticSpan, type MofDiagnostic, type MofErrorCode } from './diagnostics';
import { findFlavorConflict, isFlavorKeyword } from './flavors';
import { Lexer } from './lexer';
import { checkPragma } from './pragmas';
import { describeToken, type Token, type TokenKind } from './token';

export interface ParseDocumentResult {
  readonly document: MofDocument;
  readonly diagnostics: MofDiagnostic[];
}

/**
 * Parses one MOF text into a syntax tree, collecting every syntax error (the parser
 * resynchronises after each one). Includes are not followed. Never throws.
 */
export function parseMofDocument(text: string, file: string): ParseDocumentResult {
  const parser = new Parser(text, file);
  try {
    const document = parser.parseDocument();
    return { document, diagnostics: parser.diagnostics };
  } catch (e) {
    // A bug must not take the worker down with it: report it as a diagnostic, keep nothing.
    const diagnostic = makeDiagnostic(
      'WBEMMOF_E_INVALID_FILE',
      `Internal parser error: ${e instanceof Error ? e.message : String(e)}.`,
      file,
      text,
      { offset: 0, line: 1, column: 1 },
    );
    const loc = { file, line: 1, column: 1, start: 0, end: text.length };
    return {
      document: { kind: 'Document', file, definitions: [], loc },
      diagnostics: [...parser.diagnostics, diagnostic],
    };
  }
}

/** What a diagnostic names as found, and where. */
type Found = Pick<Token, 'kind' | 'value'>;
type At = Pick<Loc, 'start' | 'end' | 'line' | 'column'>;

/** A node's location while the node is being parsed: its end is set when the node is done. */
type OpenLoc = { -readonly [K in keyof Loc]: Loc[K] };

/** Thrown inside the parser to unwind to the nearest recovery point; never escapes it. */
class MofSyntaxError extends Error {
  constructor(
    readonly diagnostic: MofDiagnostic,
    /** False when the current token already starts a new declaration: do not skip anything. */
    readonly resync = true,
  ) {
    super(diagnostic.message);
  }
}

const SCOPE_SET: ReadonlySet<string> = new Set(QUALIFIER_SCOPES);
const MAX_NESTING = 100;

/**
 * An array grown by push keeps spare capacity (at least 16 slots after its first push); the
 * tree keeps thousands of short lists for as long as an import runs, so they are copied to
 * their exact size (more than half of the tree's array memory on the CIM schema).
 */
function trimmed<T>(list: T[]): T[] {
  return list.length > 0 ? list.slice() : list;
}

function isKeyword(t: Token, keyword: string): boolean {
  return t.kind === 'Name' && sameName(t.value, keyword);
}

/**
 * Recursive descent over MOF as WMI's mofcomp reads it: DSP0004 2.x plus WMI's extensions
 * (flavor statements, `Amended`, `as $alias`, pragmas). One method per production, the
 * production quoted above it (graphql-js style); `[ x ]` optional, `{ x }` repeated.
 */
class Parser {
  readonly diagnostics: MofDiagnostic[] = [];
  /** The current token is the lexer's (kind, value, position fields): no token objects. */
  private readonly lexer: Lexer;
  private lastEnd = 0;
  /** Open `{` consumed in the current top-level declaration, for error recovery. */
  private braceDepth = 0;
  /** Embedded instances being parsed, one inside the other. */
  private nesting = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.lexer = new Lexer(text, (code, message, span) => this.report(code, message, span));
    this.lexer.advance();
  }

  // ---------------------------------------------------------------- productions

  /**
   * MofSpecification : { MofProduction }
   * MofProduction : CompilerDirective | QualifierDeclaration | ClassDeclaration | InstanceDeclaration
   */
  parseDocument(): MofDocument {
    const definitions: Definition[] = [];
    const { line, column } = this.lexer;
    while (!this.peek('EOF')) {
      // Tokens are told apart by where they start.
      const start = this.lexer.start;
      this.braceDepth = 0;
      try {
        const def = this.parseDefinition();
        if (def !== undefined) definitions.push(def);
      } catch (e) {
        if (!(e instanceof MofSyntaxError)) throw e;
        this.diagnostics.push(e.diagnostic);
        if (e.resync) this.synchronizeTopLevel();
        // Always make progress, whatever the recovery decided.
        if (this.lexer.start === start) this.advance();
      }
    }
    return {
      kind: 'Document',
      file: this.file,
      definitions: trimmed(definitions),
      loc: { file: this.file, line, column, start: 0, end: this.text.length },
    };
  }

  private parseDefinition(): Definition | undefined {
    const t = this.lexer;
    if (t.kind === 'Directive') return this.parsePragma();
    if (t.kind === ';') {
      // A stray `;` between declarations (`};;`) is a harmless leftover: accepted silently.
      this.advance();
      return undefined;
    }
    if (t.kind === '[') {
      const loc = this.open();
      const qualifiers = this.parseQualifierList();
      if (isKeyword(this.lexer, 'class')) return this.parseClassDeclaration(loc, qualifiers);
      if (isKeyword(this.lexer, 'instance')) return this.parseInstanceDeclaration(loc, qualifiers);
      throw this.unexpected('WBEMMOF_E_UNRECOGNIZED_TOKEN', '"class" or "instance of" after a qualifier list');
    }
    if (isKeyword(t, 'class')) return this.parseClassDeclaration(this.open(), []);
    if (isKeyword(t, 'instance')) return this.parseInstanceDeclaration(this.open(), []);
    if (isKeyword(t, 'qualifier')) return this.parseQualifierDeclaration();
    throw this.unexpected('WBEMMOF_E_UNRECOGNIZED_TOKEN', '"class", "instance of", "qualifier", "[" or a #pragma');
  }

  /**
   * CompilerDirective : "#pragma" PragmaName [ "(" PragmaParameter { "," PragmaParameter } ")" ]
   *                   | "#include" ( "(" StringValue ")" | StringValue )
   * PragmaParameter : StringValue | IntegerValue | Identifier
   *
   * The name and the opening parenthesis must be on the `#` line (`#pragma autorecover` has no
   * parameters and the next line is not one). `#pragma include("x")` and `#include ("x")` are
   * the same pragma, `include`.
   */
  private parsePragma(): PragmaNode {
    const directive = this.lexer.value === 'include' ? 'include' : 'pragma';
    const loc = this.open();
    this.advance();
    let name = 'include';
    if (directive === 'pragma') {
      if (!this.peek('Name') || this.lexer.newlineBefore) {
        throw this.unexpected('WBEMMOF_E_INVALID_PRAGMA', 'a pragma name after #pragma');
      }
      name = this.take().toLowerCase();
    }
    const args: PragmaArgument[] = [];
    if (this.peek('(') && !this.lexer.newlineBefore) {
      this.advance();
      if (!this.peek(')')) {
        args.push(this.parsePragmaParameter());
        while (this.peek(',')) {
          this.advance();
          args.push(this.parsePragmaParameter());
        }
      }
      this.expect(')', 'WBEMMOF_E_EXPECTED_CLOSE_PAREN', '"," or ")"');
    } else if (directive === 'include' && this.peek('String') && !this.lexer.newlineBefore) {
      args.push(this.parseStringValue());
    }
    const node: PragmaNode = {
      kind: 'Pragma',
      name,
      directive,
      args,
      loc: this.close(loc),
    };
    const problem = checkPragma(node);
    if (problem !== undefined) {
      const at = problem.argIndex === undefined ? undefined : args[problem.argIndex];
      this.reportAt(problem.code, problem.message, at?.loc ?? node.loc);
    }
    return node;
  }

  private parsePragmaParameter(): PragmaArgument {
    const t = this.lexer;
    if (t.kind === 'String') return this.parseStringValue();
    if (t.kind === 'Integer') {
      const loc = this.tokenLoc();
      return { kind: 'Integer', value: this.take(), loc };
    }
    if (t.kind === 'Name') return this.parseName('WBEMMOF_E_INVALID_PRAGMA', 'a pragma parameter');
    throw this.unexpected('WBEMMOF_E_INVALID_PRAGMA', 'a string, a number or a word as a pragma parameter');
  }

  /**
   * QualifierList : "[" Qualifier { "," Qualifier } "]"
   */
  private parseQualifierList(): QualifierNode[] {
    this.expect('[', 'WBEMMOF_E_UNRECOGNIZED_TOKEN', '"["');
    let list = [this.parseQualifier()];
    while (this.peek(',')) {
      this.advance();
      list.push(this.parseQualifier());
    }
    list = trimmed(list);
    this.expect(']', 'WBEMMOF_E_EXPECTED_CLOSE_BRACKET', '"," or "]"');
    // Short lists (nearly all) are checked pairwise: no Set and no lower-cased copies per list.
    const seen = list.length > 8 ? new Set<string>() : undefined;
    for (let i = 0; i < list.length; i++) {
      const q = list[i]!;
      const name = q.name.value;
      let duplicate: boolean;
      if (seen !== undefined) {
        const key = name.toLowerCase();
        duplicate = seen.has(key);
        seen.add(key);
      } else {
        duplicate = false;
        for (let j = 0; j < i && !duplicate; j++) duplicate = sameName(list[j]!.name.value, name);
      }
      if (duplicate) {
        this.reportAt(
          'WBEMMOF_E_DUPLICATE_QUALIFIER',
          `Qualifier "${name}" is written twice on one element.`,
          q.name.loc,
        );
      }
      if (name.length === 7 && name.toLowerCase() === 'cimtype') {
        this.reportAt(
          'WBEMMOF_E_CIMTYPE_QUALIFIER',
          'The CIMTYPE qualifier cannot be written: WMI derives it from the declared type.',
          q.name.loc,
        );
      }
    }
    return list;
  }

  /**
   * Qualifier : QualifierName [ QualifierParameter ] [ ":" Flavor { [ "," ] Flavor } ]
   * QualifierParameter : "(" ( ConstantValue | ArrayInitializer ) ")" | ArrayInitializer
   *
   * After a comma, a flavor keyword continues the flavor list (`Read : ToSubClass, Amended`);
   * any other name starts the next qualifier.
   */
  private parseQualifier(): QualifierNode {
    const loc = this.open();
    const name = this.parseName('WBEMMOF_E_EXPECTED_QUALIFIER_NAME', 'a qualifier name');
    let value: ConstantValueNode | ArrayValueNode | undefined;
    if (this.peek('(')) {
      this.advance();
      value = this.peek('{') ? this.parseArrayInitializer(true) : this.parseConstantValue();
      this.expect(')', 'WBEMMOF_E_EXPECTED_CLOSE_PAREN', '")"');
    } else if (this.peek('{')) {
      value = this.parseArrayInitializer(true);
    }
    let flavors: FlavorNode[] | undefined;
    if (this.peek(':')) {
      this.advance();
      flavors = [this.parseFlavor()];
      for (;;) {
        if (this.peek('Name') && isFlavorKeyword(this.lexer.value)) flavors.push(this.parseFlavor());
        else if (this.peek(',') && this.isFlavorAhead()) {
          this.advance();
          flavors.push(this.parseFlavor());
        } else break;
      }
      this.checkFlavors(flavors);
    }
    return { kind: 'Qualifier', name, value, flavors, loc: this.close(loc) };
  }

  private isFlavorAhead(): boolean {
    const next = this.lexer.lookahead();
    return next.kind === 'Name' && isFlavorKeyword(next.value);
  }

  /**
   * Flavor : "EnableOverride" | "DisableOverride" | "ToSubClass" | "NotToSubClass" | "ToInstance"
   *        | "NotToInstance" | "Restricted" | "Amended" | "Translatable"
   */
  private parseFlavor(): FlavorNode {
    const t = this.lexer;
    if (t.kind !== 'Name' || !isFlavorKeyword(t.value)) {
      throw this.unexpected(
        'WBEMMOF_E_EXPECTED_FLAVOR_TYPE',
        'a flavor (EnableOverride, DisableOverride, ToSubClass, NotToSubClass, ToInstance, NotToInstance, Restricted, Amended, Translatable)',
      );
    }
    const loc = this.tokenLoc();
    return { kind: 'Flavor', name: this.take(), loc };
  }

  private checkFlavors(flavors: readonly FlavorNode[]): void {
    const conflict = findFlavorConflict(flavors.map((f) => f.name));
    if (conflict !== undefined) this.reportAt(conflict.code, conflict.message, flavors[conflict.index]!.loc);
  }

  /**
   * ClassDeclaration : [ QualifierList ] "class" ClassName [ Alias ] [ SuperClass ] [ Alias ]
   *                    "{" { ClassFeature } "}" ";"
   * SuperClass : ":" ClassName
   *
   * DSP0004 puts the alias before the superclass, WMI's documentation after it: both are read.
   */
  private parseClassDeclaration(loc: OpenLoc, qualifiers: QualifierNode[]): ClassDeclarationNode {
    this.advance(); // class
    const name = this.parseName('WBEMMOF_E_EXPECTED_CLASS_NAME', 'a class name');
    let alias = this.parseOptionalAlias();
    let superclass: NameNode | undefined;
    if (this.peek(':')) {
      this.advance();
      superclass = this.parseName('WBEMMOF_E_EXPECTED_CLASS_NAME', 'a superclass name');
    }
    const second = this.parseOptionalAlias();
    if (second !== undefined) {
      if (alias !== undefined)
        this.reportAt('WBEMMOF_E_MULTIPLE_ALIASES', 'A class can have only one alias.', second.loc);
      alias ??= second;
    }
    this.expect(
      '{',
      'WBEMMOF_E_EXPECTED_OPEN_BRACE',
      superclass === undefined && alias === undefined ? '":" or "{"' : '"{"',
    );
    const features = this.parseClassBody(name.value);
    this.expect('}', 'WBEMMOF_E_EXPECTED_CLOSE_BRACE', '"}"');
    this.expect(';', 'WBEMMOF_E_EXPECTED_SEMI', '";" after the class declaration');
    return {
      kind: 'ClassDeclaration',
      qualifiers,
      name,
      superclass,
      alias,
      features,
      loc: this.close(loc),
    };
  }

  private parseClassBody(className: string): FeatureNode[] {
    const features: FeatureNode[] = [];
    const names = new Set<string>();
    while (!this.peek('}')) {
      this.checkBodyContinues(`"}" to end class ${className}`);
      const depth = this.braceDepth;
      try {
        const f = this.parseClassFeature();
        const key = f.name.value.toLowerCase();
        if (names.has(key)) {
          this.reportAt(
            'WBEMMOF_E_DUPLICATE_PROPERTY',
            `"${f.name.value}" is declared twice in class ${className}.`,
            f.name.loc,
          );
        }
        names.add(key);
        features.push(f);
      } catch (e) {
        this.recoverInBody(e, depth);
      }
    }
    return trimmed(features);
  }

  /** Inside a body: EOF or the start of a new declaration means the closing brace is missing. */
  private checkBodyContinues(expected: string): void {
    if (this.peek('EOF')) throw this.unexpected('WBEMMOF_E_EXPECTED_CLOSE_BRACE', expected);
    if (this.isDeclarationStart()) {
      throw new MofSyntaxError(this.expectedDiagnostic('WBEMMOF_E_EXPECTED_CLOSE_BRACE', expected), false);
    }
  }

  /**
   * ClassFeature : PropertyDeclaration | ReferenceDeclaration | MethodDeclaration
   * PropertyDeclaration : [ QualifierList ] DataType PropertyName [ Array ] [ DefaultValue ] ";"
   * ReferenceDeclaration : [ QualifierList ] ObjectRef ReferenceName [ Array ] [ DefaultValue ] ";"
   * MethodDeclaration : [ QualifierList ] ( DataType | ObjectRef | "void" ) MethodName
   *                     "(" [ ParameterList ] ")" ";"
   * DefaultValue : "=" Initializer
   */
  private parseClassFeature(): FeatureNode {
    const loc = this.open();
    const qualifiers = this.peek('[') ? this.parseQualifierList() : [];
    const returnType = this.parseType();
    // `uint32[] M()`: an array return type, which WMI refuses (reported, then parsed on).
    const typeArray = this.peek('[') ? this.parseArraySuffix() : undefined;
    const name = this.parseName('WBEMMOF_E_EXPECTED_PROPERTY_NAME', 'a property or method name');
    if (this.peek('(')) {
      if (typeArray !== undefined) {
        this.reportAt('WBEMMOF_E_NO_ARRAYS_RETURNED', `Method ${name.value} cannot return an array.`, typeArray.loc);
      }
      const parameters = this.parseParameterList();
      this.expect(';', 'WBEMMOF_E_EXPECTED_SEMI', '";" after the method declaration');
      const node: MethodNode = { kind: 'Method', qualifiers, returnType, name, parameters, loc: this.close(loc) };
      return node;
    }
    if (returnType.base === 'void') {
      this.reportAt('WBEMMOF_E_UNRECOGNIZED_TYPE', `Property ${name.value} cannot be void.`, returnType.loc);
    }
    const array = this.peek('[') ? this.parseArraySuffix() : typeArray;
    const defaultValue = this.parseOptionalDefault(array !== undefined);
    this.expect(';', 'WBEMMOF_E_EXPECTED_SEMI', defaultValue === undefined ? '";" or "="' : '";"');
    return {
      kind: 'Property',
      qualifiers,
      type: returnType,
      name,
      array,
      defaultValue,
      loc: this.close(loc),
    };
  }

  private parseOptionalDefault(isArray: boolean): ValueNode | undefined {
    if (!this.peek('=')) return undefined;
    this.advance();
    const value = this.parseInitializer();
    if (value.kind === 'Array' && !isArray) {
      this.reportAt(
        'WBEMMOF_E_UNEXPECTED_ARRAY_INIT',
        'An array initializer "{…}" is given to an element that is not an array.',
        value.loc,
      );
    }
    return value;
  }

  /**
   * DataType : "sint8" | "uint8" | "sint16" | "uint16" | "sint32" | "uint32" | "sint64" | "uint64"
   *          | "real32" | "real64" | "boolean" | "string" | "char16" | "datetime"
   *          | "object" | ClassName                      (embedded object, WMI)
   * ObjectRef : ( ClassName | "object" ) "ref"
   * ReturnType : DataType | ObjectRef | "void"
   */
  private parseType(): TypeNode {
    if (!this.peek('Name')) throw this.unexpected('WBEMMOF_E_EXPECTED_TYPE_IDENTIFIER', 'a type');
    // Until closed, `loc` is the type name's own span.
    const loc = this.open();
    const value = this.take();
    const lower = value.toLowerCase();
    // `X ref Name`: `ref` is the keyword only when a name follows it (a property may be called Ref).
    const isRef = isKeyword(this.lexer, 'ref') && this.lexer.lookahead().kind === 'Name';
    if (isRef) this.advance();
    let base: CimScalarType | 'void';
    let className: string | undefined;
    if (lower === 'void' && !isRef) base = 'void';
    else if (lower === 'object') base = isRef ? 'ref' : 'object';
    else if (lower !== 'ref' && isScalarTypeName(lower)) {
      if (isRef) {
        this.reportAt(
          'WBEMMOF_E_UNRECOGNIZED_TYPE',
          `"${value} ref": only a class or object can be referenced.`,
          this.close(loc),
        );
      }
      base = lower as CimScalarType;
    } else if (lower === 'ref') {
      throw this.unexpectedAt(
        'WBEMMOF_E_EXPECTED_TYPE_IDENTIFIER',
        'a type before "ref"',
        { kind: 'Name', value },
        loc,
      );
    } else {
      base = isRef ? 'ref' : 'object';
      className = value;
    }
    return className === undefined
      ? { kind: 'Type', base, loc: this.close(loc) }
      : { kind: 'Type', base, className, loc: this.close(loc) };
  }

  /**
   * ParameterList : "(" [ Parameter { "," Parameter } ] ")"
   */
  private parseParameterList(): ParameterNode[] {
    this.expect('(', 'WBEMMOF_E_EXPECTED_OPEN_PAREN', '"("');
    const params: ParameterNode[] = [];
    if (!this.peek(')')) {
      params.push(this.parseParameter());
      while (this.peek(',')) {
        this.advance();
        params.push(this.parseParameter());
      }
    }
    this.expect(')', 'WBEMMOF_E_EXPECTED_CLOSE_PAREN', '"," or ")"');
    const seen = new Set<string>();
    for (const p of params) {
      const key = p.name.value.toLowerCase();
      if (seen.has(key)) {
        this.reportAt('WBEMMOF_E_DUPLICATE_PROPERTY', `Parameter "${p.name.value}" is declared twice.`, p.name.loc);
      }
      seen.add(key);
    }
    return trimmed(params);
  }

  /**
   * Parameter : [ QualifierList ] ( DataType | ObjectRef ) ParameterName [ Array ] [ DefaultValue ]
   */
  private parseParameter(): ParameterNode {
    const loc = this.open();
    const qualifiers = this.peek('[') ? this.parseQualifierList() : [];
    const type = this.parseType();
    if (type.base === 'void') this.reportAt('WBEMMOF_E_UNRECOGNIZED_TYPE', 'A parameter cannot be void.', type.loc);
    const name = this.parseName('WBEMMOF_E_EXPECTED_PROPERTY_NAME', 'a parameter name');
    const array = this.peek('[') ? this.parseArraySuffix() : undefined;
    const defaultValue = this.parseOptionalDefault(array !== undefined);
    return {
      kind: 'Parameter',
      qualifiers,
      type,
      name,
      array,
      defaultValue,
      loc: this.close(loc),
    };
  }

  /**
   * Array : "[" [ PositiveDecimalValue ] "]"
   */
  private parseArraySuffix(): ArraySuffixNode {
    const loc = this.open();
    this.advance();
    let size: number | undefined;
    if (this.peek('Integer')) {
      const at = this.tokenLoc();
      const bound = this.take();
      size = Number(bound);
      if (!Number.isSafeInteger(size) || size <= 0) {
        this.reportAt('WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', `Array bound ${bound} is not a positive integer.`, at);
        size = undefined;
      }
    }
    this.expect(']', 'WBEMMOF_E_EXPECTED_CLOSE_BRACKET', size === undefined ? 'an array bound or "]"' : '"]"');
    return size === undefined
      ? { kind: 'ArraySuffix', loc: this.close(loc) }
      : { kind: 'ArraySuffix', size, loc: this.close(loc) };
  }

  /**
   * QualifierDeclaration : "qualifier" QualifierName ":" DataType [ Array ] [ "=" DefaultValue ]
   *                        { "," ( Scope | DefaultFlavor ) } ";"                        (DMTF)
   *                      | "qualifier" QualifierName ":" Flavor { [ "," ] Flavor } ";"    (WMI)
   * Scope : "scope" "(" MetaElement { "," MetaElement } ")"
   * DefaultFlavor : "flavor" "(" Flavor { "," Flavor } ")"
   * MetaElement : "class" | "association" | "indication" | "qualifier" | "property"
   *             | "reference" | "method" | "parameter" | "instance" | "any"
   */
  private parseQualifierDeclaration(): QualifierDeclarationNode {
    const loc = this.open();
    this.advance(); // qualifier
    const name = this.parseName('WBEMMOF_E_EXPECTED_QUALIFIER_NAME', 'a qualifier name');
    this.expect(':', 'WBEMMOF_E_INVALID_QUALIFIER_SYNTAX', '":" and a type or flavors');
    if (this.peek('Name') && isFlavorKeyword(this.lexer.value)) {
      const flavors = [this.parseFlavor()];
      while (!this.peek(';')) {
        if (this.peek(',')) this.advance();
        if (!this.peek('Name') || !isFlavorKeyword(this.lexer.value)) {
          throw this.unexpected('WBEMMOF_E_EXPECTED_FLAVOR_TYPE', 'a flavor or ";"');
        }
        flavors.push(this.parseFlavor());
      }
      this.advance();
      this.checkFlavors(flavors);
      return { kind: 'QualifierDeclaration', form: 'wmi', name, scopes: [], flavors, loc: this.close(loc) };
    }
    const type = this.parseType();
    if (type.base === 'ref' || type.base === 'object' || type.base === 'void') {
      this.reportAt('WBEMMOF_E_UNRECOGNIZED_TYPE', 'A qualifier type must be a built-in CIM type.', type.loc);
    }
    const array = this.peek('[') ? this.parseArraySuffix() : undefined;
    let defaultValue: ConstantValueNode | ArrayValueNode | undefined;
    if (this.peek('=')) {
      this.advance();
      defaultValue = this.peek('{') ? this.parseArrayInitializer(true) : this.parseConstantValue();
    }
    const scopes: NameNode[] = [];
    const flavors: FlavorNode[] = [];
    while (this.peek(',')) {
      this.advance();
      if (isKeyword(this.lexer, 'scope')) this.parseScope(scopes);
      else if (isKeyword(this.lexer, 'flavor')) this.parseDefaultFlavor(flavors);
      else throw this.unexpected('WBEMMOF_E_INVALID_QUALIFIER_SYNTAX', '"Scope(" or "Flavor("');
    }
    this.expect(';', 'WBEMMOF_E_EXPECTED_SEMI', '"," or ";"');
    this.checkFlavors(flavors);
    return {
      kind: 'QualifierDeclaration',
      form: 'dmtf',
      name,
      type,
      array,
      defaultValue,
      scopes,
      flavors,
      loc: this.close(loc),
    };
  }

  private parseScope(into: NameNode[]): void {
    this.advance(); // scope
    this.expect('(', 'WBEMMOF_E_EXPECTED_OPEN_PAREN', '"(" after Scope');
    for (;;) {
      const n = this.parseName(
        'WBEMMOF_E_INVALID_QUALIFIER_SYNTAX',
        'a scope (class, association, indication, property, reference, method, parameter, qualifier, instance, any)',
      );
      if (!SCOPE_SET.has(n.value.toLowerCase())) {
        this.reportAt('WBEMMOF_E_INVALID_QUALIFIER_SYNTAX', `Unknown scope "${n.value}".`, n.loc);
      }
      into.push(n);
      if (!this.peek(',')) break;
      this.advance();
    }
    this.expect(')', 'WBEMMOF_E_EXPECTED_CLOSE_PAREN', '"," or ")"');
  }

  private parseDefaultFlavor(into: FlavorNode[]): void {
    this.advance(); // flavor
    this.expect('(', 'WBEMMOF_E_EXPECTED_OPEN_PAREN', '"(" after Flavor');
    into.push(this.parseFlavor());
    while (this.peek(',')) {
      this.advance();
      into.push(this.parseFlavor());
    }
    this.expect(')', 'WBEMMOF_E_EXPECTED_CLOSE_PAREN', '"," or ")"');
  }

  /**
   * InstanceDeclaration : [ QualifierList ] "instance" "of" ClassName [ Alias ]
   *                       "{" { ValueInitializer } "}" ";"
   */
  private parseInstanceDeclaration(loc: OpenLoc, qualifiers: QualifierNode[]): InstanceDeclarationNode {
    this.advance(); // instance
    this.expectKeyword('of', 'WBEMMOF_E_INVALID_INSTANCE_DECLARATION');
    const className = this.parseName('WBEMMOF_E_EXPECTED_CLASS_NAME', 'a class name');
    const alias = this.parseOptionalAlias();
    const properties = this.parseInstanceBody(className.value);
    this.expect(';', 'WBEMMOF_E_EXPECTED_SEMI', '";" after the instance declaration');
    return {
      kind: 'InstanceDeclaration',
      qualifiers,
      className,
      alias,
      properties,
      loc: this.close(loc),
    };
  }

  /** "{" { ValueInitializer } "}" — shared by instance declarations and embedded instances. */
  private parseInstanceBody(className: string): PropertyAssignmentNode[] {
    this.expect('{', 'WBEMMOF_E_EXPECTED_OPEN_BRACE', '"{"');
    const properties: PropertyAssignmentNode[] = [];
    const names = new Set<string>();
    while (!this.peek('}')) {
      this.checkBodyContinues(`"}" to end the instance of ${className}`);
      const depth = this.braceDepth;
      try {
        const p = this.parseValueInitializer();
        const key = p.name.value.toLowerCase();
        if (names.has(key)) {
          this.reportAt('WBEMMOF_E_DUPLICATE_PROPERTY', `Property "${p.name.value}" is given twice.`, p.name.loc);
        }
        names.add(key);
        properties.push(p);
      } catch (e) {
        this.recoverInBody(e, depth);
      }
    }
    this.advance(); // }
    return trimmed(properties);
  }

  /**
   * ValueInitializer : [ QualifierList ] PropertyName [ "=" Initializer ] ";"
   *
   * The value is optional in WMI: `[PropertyContext("x"), Dynamic] Name;` in a `[DYNPROPS]`
   * instance names a property a dynamic property provider fills in.
   */
  private parseValueInitializer(): PropertyAssignmentNode {
    const loc = this.open();
    const qualifiers = this.peek('[') ? this.parseQualifierList() : [];
    const name = this.parseName('WBEMMOF_E_EXPECTED_PROPERTY_NAME', 'a property name');
    if (this.peek(';')) {
      this.advance();
      return { kind: 'PropertyAssignment', qualifiers, name, loc: this.close(loc) };
    }
    this.expect('=', 'WBEMMOF_E_EXPECTED_SEMI', '"=" or ";"');
    const value = this.parseInitializer();
    this.expect(';', 'WBEMMOF_E_EXPECTED_SEMI', '";"');
    return { kind: 'PropertyAssignment', qualifiers, name, value, loc: this.close(loc) };
  }

  /**
   * Initializer : ConstantValue | ArrayInitializer | AliasIdentifier | EmbeddedInstance
   */
  private parseInitializer(): ValueNode {
    const t = this.lexer;
    if (t.kind === '{') return this.parseArrayInitializer(false);
    if (t.kind === 'Alias') return this.parseAliasRef();
    if (isKeyword(t, 'instance')) return this.parseInstanceValue();
    return this.parseConstantValue();
  }

  /**
   * EmbeddedInstance : [ QualifierList ] "instance" "of" ClassName "{" { ValueInitializer } "}"
   *
   * No `;` of its own: the enclosing initializer ends with it. No alias (WMI refuses one here).
   */
  private parseInstanceValue(): InstanceValueNode {
    const loc = this.open();
    // Recursion guard: a parser in a Web Worker must not die of a stack overflow on hostile input.
    if (this.nesting >= MAX_NESTING) {
      throw this.unexpected(
        'WBEMMOF_E_INVALID_INSTANCE_DECLARATION',
        `at most ${MAX_NESTING} nested embedded instances`,
      );
    }
    this.nesting++;
    try {
      return this.parseInstanceValueBody(loc);
    } finally {
      this.nesting--;
    }
  }

  private parseInstanceValueBody(loc: OpenLoc): InstanceValueNode {
    const qualifiers = this.peek('[') ? this.parseQualifierList() : [];
    this.advance(); // instance
    this.expectKeyword('of', 'WBEMMOF_E_INVALID_INSTANCE_DECLARATION');
    const className = this.parseName('WBEMMOF_E_EXPECTED_CLASS_NAME', 'a class name');
    const alias = this.parseOptionalAlias();
    if (alias !== undefined) {
      this.reportAt('WBEMMOF_E_ALIASES_IN_EMBEDDED', 'An embedded instance cannot have an alias.', alias.loc);
    }
    const properties = this.parseInstanceBody(className.value);
    return { kind: 'InstanceValue', qualifiers, className, properties, loc: this.close(loc) };
  }

  /**
   * ArrayInitializer : "{" [ Element { "," Element } ] "}"
   *
   * Elements are constants in qualifier values and declarations (`constantsOnly`); property
   * values may also hold aliases and embedded instances. NULL elements are refused (WMI).
   */
  private parseArrayInitializer(constantsOnly: boolean): ArrayValueNode {
    const loc = this.open();
    this.expect('{', 'WBEMMOF_E_EXPECTED_OPEN_BRACE', '"{"');
    const values: ValueNode[] = [];
    if (!this.peek('}')) {
      for (;;) {
        const v = constantsOnly ? this.parseConstantValue() : this.parseArrayElement();
        if (v.kind === 'Null') {
          this.reportAt('WBEMMOF_E_NULL_ARRAY_ELEM', 'An array cannot hold NULL elements.', v.loc);
        }
        values.push(v);
        if (!this.peek(',')) break;
        this.advance();
      }
    }
    this.expect('}', 'WBEMMOF_E_EXPECTED_CLOSE_BRACE', '"," or "}"');
    return { kind: 'Array', values: trimmed(values), loc: this.close(loc) };
  }

  private parseArrayElement(): ValueNode {
    const t = this.lexer;
    if (t.kind === 'Alias') return this.parseAliasRef();
    if (isKeyword(t, 'instance')) return this.parseInstanceValue();
    return this.parseConstantValue();
  }

  /**
   * ConstantValue : IntegerValue | RealValue | CharValue | StringValue { StringValue }
   *               | BooleanValue | NullValue
   * BooleanValue : "true" | "false"
   * NullValue : "null"
   */
  private parseConstantValue(): ConstantValueNode {
    const t = this.lexer;
    switch (t.kind) {
      case 'Integer': {
        const loc = this.tokenLoc();
        return { kind: 'Integer', value: this.take(), loc };
      }
      case 'Real': {
        const loc = this.tokenLoc();
        return { kind: 'Real', value: Number(this.take()), loc };
      }
      case 'String':
        return this.parseStringValue();
      case 'Char': {
        const loc = this.tokenLoc();
        return { kind: 'Char', value: this.take(), loc };
      }
      case 'Name': {
        const lower = t.value.toLowerCase();
        if (lower === 'true' || lower === 'false') {
          const loc = this.tokenLoc();
          this.advance();
          return { kind: 'Boolean', value: lower === 'true', loc };
        }
        if (lower === 'null') {
          const loc = this.tokenLoc();
          this.advance();
          return { kind: 'Null', loc };
        }
        throw this.unexpected('WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 'a value (strings must be in double quotes)');
      }
      default:
        throw this.unexpected('WBEMMOF_E_ILLEGAL_CONSTANT_VALUE', 'a value');
    }
  }

  /** StringValue { StringValue } — the lexer already joined adjacent literals (`"a" "b"` is `"ab"`). */
  private parseStringValue(): ConstantValueNode & { kind: 'String' } {
    const loc = this.tokenLoc();
    return { kind: 'String', value: this.take(), loc };
  }

  /**
   * Alias : "as" AliasIdentifier
   * AliasIdentifier : "$" Identifier
   */
  private parseOptionalAlias(): NameNode | undefined {
    if (!isKeyword(this.lexer, 'as')) return undefined;
    this.advance();
    if (!this.peek('Alias')) throw this.unexpected('WBEMMOF_E_EXPECTED_DOLLAR', 'an alias "$Name" after "as"');
    const { name, loc } = this.takeAlias();
    return { kind: 'Name', value: name, loc };
  }

  private parseAliasRef(): AliasRefNode {
    const { name, loc } = this.takeAlias();
    return { kind: 'AliasRef', name, loc };
  }

  /** Consumes the current `$Name` token; a `$` without a name is an error. */
  private takeAlias(): { name: string; loc: Loc } {
    const loc = this.tokenLoc();
    const name = this.take();
    if (name === '') {
      throw this.unexpectedAt(
        'WBEMMOF_E_EXPECTED_ALIAS_NAME',
        'an alias name after "$"',
        { kind: 'Alias', value: '' },
        loc,
      );
    }
    return { name, loc };
  }

  // ---------------------------------------------------------------- helpers

  /** The current token's kind (a method: TypeScript would narrow a field across `advance()`). */
  private peek(kind: TokenKind): boolean {
    return this.lexer.kind === kind;
  }

  private parseName(code: MofErrorCode, what: string): NameNode {
    if (!this.peek('Name')) throw this.unexpected(code, what);
    const loc = this.tokenLoc();
    return { kind: 'Name', value: this.take(), loc };
  }

  private advance(): void {
    const lexer = this.lexer;
    if (lexer.kind === '{') this.braceDepth++;
    else if (lexer.kind === '}') this.braceDepth--;
    this.lastEnd = lexer.end;
    lexer.advance();
  }

  /** Consumes the current token and returns its value. */
  private take(): string {
    const value = this.lexer.value;
    this.advance();
    return value;
  }

  private expect(kind: TokenKind, code: MofErrorCode, what: string): void {
    if (this.lexer.kind !== kind) throw this.unexpected(code, what);
    this.advance();
  }

  private expectKeyword(keyword: string, code: MofErrorCode): void {
    if (!isKeyword(this.lexer, keyword)) throw this.unexpected(code, `"${keyword}"`);
    this.advance();
  }

  /** The location of the current token: a node of one token. */
  private tokenLoc(): Loc {
    return this.open();
  }

  /**
   * The location of a node that starts at the current token, until close() ends it at the last
   * token consumed. Made first rather than last: it is the only record of where the node began.
   */
  private open(): OpenLoc {
    const t = this.lexer;
    return { file: this.file, line: t.line, column: t.column, start: t.start, end: t.end };
  }

  private close(loc: OpenLoc): Loc {
    loc.end = Math.max(this.lastEnd, loc.end);
    return loc;
  }

  /** "Expected …, found …" at the current token. */
  private expectedDiagnostic(code: MofErrorCode, expected: string): MofDiagnostic {
    return this.expectedAt(code, expected, this.lexer, this.lexer);
  }

  private expectedAt(code: MofErrorCode, expected: string, found: Found, at: At): MofDiagnostic {
    return makeDiagnostic(code, `Expected ${expected}, found ${describeToken(found)}.`, this.file, this.text, {
      offset: at.start,
      line: at.line,
      column: at.column,
      length: at.end - at.start,
    });
  }

  private unexpected(code: MofErrorCode, expected: string): MofSyntaxError {
    return new MofSyntaxError(this.expectedDiagnostic(code, expected));
  }

  /** A token already consumed (`found`, spanning `at`) was not what was expected. */
  private unexpectedAt(code: MofErrorCode, expected: string, found: Found, at: At): MofSyntaxError {
    return new MofSyntaxError(this.expectedAt(code, expected, found, at));
  }

  private report(code: MofErrorCode, message: string, span: DiagnosticSpan): void {
    this.diagnostics.push(makeDiagnostic(code, message, this.file, this.text, span));
  }

  private reportAt(code: MofErrorCode, message: string, loc: Loc): void {
    this.report(code, message, { offset: loc.start, line: loc.line, column: loc.column, length: loc.end - loc.start });
  }

  /** `#pragma`, `class`, `instance of`: the current token can only begin a new top-level declaration. */
  private isDeclarationStart(): boolean {
    const t = this.lexer;
    if (t.kind === 'Directive') return true;
    if (t.kind !== 'Name') return false;
    if (isKeyword(t, 'class')) return true;
    return isKeyword(t, 'instance') && isKeyword(this.lexer.lookahead(), 'of');
  }

  /**
   * Recovery after a syntax error in a top-level declaration: skip to the next `;` at brace
   * depth 0 (consumed), or to the next token that starts a declaration (not consumed).
   */
  private synchronizeTopLevel(): void {
    let depth = Math.max(0, this.braceDepth);
    for (;;) {
      const t = this.lexer;
      if (t.kind === 'EOF') break;
      if (t.newlineBefore && this.isDeclarationStart()) break;
      if (depth === 0 && t.newlineBefore && (t.kind === '[' || isKeyword(t, 'qualifier'))) break;
      const kind = t.kind;
      this.advance();
      if (kind === '{') depth++;
      else if (kind === '}') depth = Math.max(0, depth - 1);
      else if (kind === ';' && depth === 0) break;
    }
    this.braceDepth = 0;
  }

  /**
   * Recovery after a syntax error in one property, method or value of a body: report it, skip
   * to the `;` that ends the element (consumed) or to the body's `}` (not consumed), so the
   * other elements of the body are still checked. A new declaration on a fresh line stops it.
   */
  private recoverInBody(e: unknown, depthAtStart: number): void {
    if (!(e instanceof MofSyntaxError)) throw e;
    if (!e.resync) throw e;
    this.diagnostics.push(e.diagnostic);
    let depth = Math.max(0, this.braceDepth - depthAtStart);
    for (;;) {
      const t = this.lexer;
      if (t.kind === 'EOF') break;
      if (t.newlineBefore && this.isDeclarationStart()) break;
      if (t.kind === '}' && depth === 0) break;
      const kind = t.kind;
      this.advance();
      if (kind === '{') depth++;
      else if (kind === '}') depth--;
      else if (kind === ';' && depth === 0) break;
    }
    this.braceDepth = depthAtStart;
  }
}
