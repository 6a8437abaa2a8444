/**
 * The signal vocabulary every part of Feedloop shares (see the data model in docs/ARCHITECTURE.md).
 * Plain `as const` arrays rather than enums keep the browser bundle small.
 */

/** The four families of feedback. */
export const SIGNAL_KINDS = ['explicit', 'implicit', 'correction', 'outcome'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** Built-in signal types and the kind each one belongs to. */
export const BUILTIN_SIGNAL_KIND = {
  thumbs: 'explicit',
  rating: 'explicit',
  comment: 'explicit',
  preference: 'explicit',
  edit: 'correction',
  copy: 'implicit',
  share: 'implicit',
  regenerate: 'implicit',
  dwell: 'implicit',
  rephrase: 'implicit',
  abandon: 'implicit',
  accept: 'implicit',
  reject: 'implicit',
  outcome: 'outcome',
} as const satisfies Record<string, SignalKind>;

export type BuiltinSignalType = keyof typeof BUILTIN_SIGNAL_KIND;
export const BUILTIN_SIGNAL_TYPES = Object.keys(BUILTIN_SIGNAL_KIND) as BuiltinSignalType[];

/**
 * Custom signal types are namespaced so they can never collide with a built-in type added later:
 * `<namespace>:<name>`, e.g. `acme:bookmark`.
 */
export const CUSTOM_SIGNAL_TYPE_PATTERN = /^[a-z][a-z0-9_-]{0,39}:[a-z0-9][a-z0-9_.-]{0,79}$/;

export function isBuiltinSignalType(type: string): type is BuiltinSignalType {
  return Object.hasOwn(BUILTIN_SIGNAL_KIND, type);
}

export function isCustomSignalType(type: string): boolean {
  return CUSTOM_SIGNAL_TYPE_PATTERN.test(type);
}
