// Structure-aware mutation of a JSON payload: delete a field, give it a value of the wrong type, or add an unknown
// field (including `__proto__`), anywhere in the tree. Real payload shapes stay mostly intact, so a mutation reaches
// the listener instead of stopping at the first check.
import fc from 'fast-check';
import { anyText } from './arbitraries.js';

type Json = unknown;

/** A value of any JSON type, hostile strings included (up to 20 KB). */
export const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, 2 ** 53, '', ' ', [], {}, '{', 'null', '[]', '{"ref":1}'),
  fc.integer(),
  fc.double({ noNaN: true }),
  anyText,
  fc.integer({ min: 1, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.jsonValue({ maxDepth: 2 }),
);

interface Mutation {
  pick: number;
  op: 'delete' | 'replace' | 'add';
  key: string;
  value: Json;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'add'),
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'type', 'value', 'id', 'user', 'channel'), fc.string({ maxLength: 8 })),
  value: wrongValue,
});

/** Every (container, key) pair in the tree, root first. */
function slots(root: Json): [Record<string, Json>, string][] {
  const out: [Record<string, Json>, string][] = [];
  const walk = (node: Json) => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      out.push([node as Record<string, Json>, key]);
      walk((node as Record<string, Json>)[key]);
    }
  };
  walk(root);
  return out;
}

function apply(root: Json, m: Mutation): void {
  const all = slots(root);
  if (all.length === 0) return;
  const [container, key] = all[m.pick % all.length]!;
  if (m.op === 'delete') delete container[key];
  else if (m.op === 'replace') container[key] = m.value;
  // defineProperty, not assignment: `o.__proto__ = v` would change the prototype instead of adding a field.
  else Object.defineProperty(container, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
}

/** The base payload with up to `max` random mutations (none, sometimes: the base must be handled too). */
export function mutated<T>(base: fc.Arbitrary<T>, max = 4): fc.Arbitrary<T> {
  return fc.tuple(base, fc.array(mutation, { maxLength: max })).map(([payload, mutations]) => {
    const copy = structuredClone(payload);
    for (const m of mutations) apply(copy, m);
    return copy;
  });
}
