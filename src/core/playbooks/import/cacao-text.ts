// Small text rules for the CACAO importer: one-line titles within a length, slugs, first sentences, short ids and
// CACAO variable references.

/** A plain JSON object. */
export type Json = Record<string, unknown>;

/** True for a JSON object (not an array or null). */
export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a string with something besides whitespace in it. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** One line of at most max characters; a longer text ends in an ellipsis. */
export function clip(value: string, max: number): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** A playbook id made from a name: lower-case letters, digits and hyphens, at most 63 characters. */
export function slugify(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

/** The first line of a text, cut at its first sentence end. */
export function firstSentence(value: string): string {
  const line = value.trim().split(/\r?\n/)[0] ?? '';
  const end = /[.!?](\s|$)/.exec(line);
  return end ? line.slice(0, end.index + 1) : line;
}

/** `if-condition 1c2d3e4f` for `if-condition--1c2d3e4f-…`: a readable stand-in for a step without a name. */
export function shortId(key: string): string {
  const [prefix, rest] = key.split('--', 2);
  return rest === undefined ? key : `${prefix} ${rest.slice(0, 8)}`;
}

/** Variable values by name (`__ip__`), from a CACAO variables dictionary; variables without a value are left out. */
export function variableValues(dictionary: unknown): Map<string, string> {
  const values = new Map<string, string>();
  if (!isJson(dictionary)) return values;
  for (const [name, variable] of Object.entries(dictionary)) {
    const value = isJson(variable) ? variable.value : undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values.set(name, String(value));
    else if (isJson(value)) values.set(name, JSON.stringify(value));
  }
  return values;
}

// CACAO writes a use of a variable as `__name__:value`; a bare `__name__` is a declaration and stays as it is.
const REFERENCE = /__[A-Za-z][\w-]*?__:value/g;

/** The text with each `__name__:value` replaced by the variable's value; unknown references are kept. */
export function substitute(value: string, variables: ReadonlyMap<string, string>): string {
  return value.replace(REFERENCE, (ref) => variables.get(ref.slice(0, -':value'.length)) ?? ref);
}
