/**
 * MOF as WMI's mofcomp reads it: decode → lex → parse (with recovery and code frames) →
 * check → AST → model → compile against a MofTarget (decisions §12).
 */
export * from './ast';
export {
  aliasDefinitions,
  aliasedDeclarations,
  aliasReferences,
  checkAliases,
  findAliasCycles,
  takesPartInAliases,
} from './checkAliases';
export type { AliasCycle, AliasedDeclaration, CheckAliasesOptions } from './checkAliases';
export { checkDocument } from './checkDocument';
export { compileMof } from './compileMof';
export type { MofCompileFailure, MofCompileOptions, MofCompileResult } from './compileMof';
export { assignedValues, convertNatural, convertToType, describeValue, integerValue } from './convertValue';
export type { AliasResolver, ConvertContext, ValueProblem } from './convertValue';
export { decodeMofBytes } from './decodeMofBytes';
export { formatDiagnostic, makeDiagnostic } from './diagnostics';
export type { DiagnosticSpan, MofDiagnostic, MofErrorCode } from './diagnostics';
export { applyFlavors, DMTF_DEFAULT_FLAVOR, findFlavorConflict, isFlavorKeyword } from './flavors';
export type { FlavorConflict } from './flavors';
export { Lexer } from './lexer';
export type { LexerReport } from './lexer';
export type { MofOpResult, MofTarget } from './mofTarget';
export { parseMof, sortDiagnostics } from './parseMof';
export type { ParseMofResult } from './parseMof';
export { parseMofFiles } from './parseMofFiles';
export type { MofFileSource, ParseMofFilesResult } from './parseMofFiles';
export { parseMofDocument } from './parser';
export type { ParseDocumentResult } from './parser';
export {
  checkPragma,
  classFlagsOf,
  deleteTargetOf,
  formatPragma,
  instanceFlagsOf,
  KNOWN_PRAGMAS,
  resolveNamespace,
  stringArgOf,
} from './pragmas';
export type { DeleteTarget, PragmaCheck } from './pragmas';
export { printLocation } from './printLocation';
export { qualifierToModel } from './qualifierToModel';
export { describeToken } from './token';
export type { PunctuatorKind, Token, TokenKind } from './token';
export {
  cimType,
  classToModel,
  instanceToModel,
  qualifierDeclarationToModel,
  sourceLocation,
  withParameterIds,
} from './toModel';
export type { Converted, ToModelContext } from './toModel';
