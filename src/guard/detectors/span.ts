import type { PersonalDataKind } from '../personalDataKinds'

/** A detector's raw result, before overlaps are resolved and labels attached. */
export type Span = { kind: PersonalDataKind; start: number; end: number }
