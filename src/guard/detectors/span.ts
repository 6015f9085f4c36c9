import type { PersonalDataKind } from '../personalDataKinds.ts'

/**
 * A detector's raw result, before overlaps are resolved and labels attached.
 * `isLabelledOnly` marks a number found by the words naming it although its
 * key is wrong: another detector's checked finding wins over it.
 */
export type Span = { kind: PersonalDataKind; start: number; end: number; isLabelledOnly?: boolean }
