/** The conformance scenario format (scenarios/FORMAT.md). */
export interface Scenario {
  readonly title: string;
  readonly rule?: string;
  readonly namespace?: string;
  readonly steps: readonly Step[];
}

export interface QualifierCheck {
  readonly value?: unknown;
  readonly flavors?: readonly string[];
  readonly origin?: 'local' | 'propagated';
}

export interface ClassCheck {
  readonly superclass?: string | null;
  readonly derivation?: readonly string[];
  readonly dynasty?: string;
  readonly propertyCount?: number;
  readonly properties?: Readonly<Record<string, { type?: string; origin?: string; key?: boolean; default?: unknown }>>;
  readonly noProperties?: readonly string[];
  readonly noMethods?: readonly string[];
  readonly noQualifiers?: readonly string[];
  readonly qualifiers?: Readonly<Record<string, QualifierCheck>>;
  readonly propertyQualifiers?: Readonly<Record<string, Readonly<Record<string, QualifierCheck>>>>;
  readonly methods?: Readonly<Record<string, { returnType?: string; origin?: string }>>;
}

export type SinkExpectation =
  { readonly setStatus: 'PROGRESS' | 'PROGRESS+' | 'COMPLETE'; readonly hr?: string } | { readonly indicate: number };

export interface Step {
  readonly op:
    | 'mof'
    | 'putClass'
    | 'deleteClass'
    | 'putInstance'
    | 'getClass'
    | 'enumClasses'
    | 'setSecurity'
    | 'registerProvider';
  readonly as?: string;
  readonly namespace?: string;
  readonly text?: string;
  readonly mof?: string;
  readonly flags?: readonly string[];
  readonly call?: 'sync' | 'semisync' | 'async';
  readonly context?: Readonly<Record<string, unknown>>;
  readonly class?: string;
  readonly superclass?: string | null;
  readonly deep?: boolean;
  readonly userOnly?: boolean;
  readonly principal?: string;
  readonly rights?: readonly string[];
  readonly name?: string;
  readonly claims?: readonly string[];
  readonly answer?: string;
  readonly expect: string;
  readonly expectReturn?: string;
  readonly expectSink?: readonly SinkExpectation[];
  readonly expectError?: Readonly<Record<string, unknown>> | null;
  readonly expectEvents?: readonly string[];
  readonly check?: ClassCheck;
  readonly names?: readonly string[];
  readonly instances?: Readonly<Record<string, number>>;
}
