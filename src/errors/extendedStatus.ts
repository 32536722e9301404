/**
 * The `__ExtendedStatus` error object WMI hands back on failure (decisions §6), as plain data so it
 * crosses the worker boundary unchanged. Conflicts with child classes use the engine's subclass
 * `Classwright_ConflictStatus`, which adds `Conflicts`.
 */
export interface ExtendedStatus {
  readonly __CLASS: '__ExtendedStatus' | 'Classwright_ConflictStatus';
  readonly StatusCode: number;
  readonly Operation: string;
  readonly ParameterInfo: string;
  readonly ProviderName: string;
  readonly Description: string;
  /** One entry per conflict: `"<descendant>.<element>: <kind>"` (Classwright_ConflictStatus only). */
  readonly Conflicts?: readonly string[];
  /** Where in a MOF source the failing declaration stands, when it came from MOF. */
  readonly Location?: { readonly file: string; readonly line: number; readonly column: number };
  /** A path to the failing element, e.g. `["Child", "properties", "Size"]`, for the UI to anchor on. */
  readonly Path?: readonly string[];
}
