// The hash chain's canonical form is RFC 8785 (JCS) as the canonicalize library writes it. canonicalEvent writes the
// envelope member by member for speed: it must give the library's text exactly, or stored hashes stop verifying.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import canonicalizeModule from 'canonicalize';
import { canonicalEvent, hashEnvelope, type HashedFields } from '../../../src/core/timeline/hash.js';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** The canonical form as the library writes the whole envelope. */
function libraryForm(e: HashedFields, prevHash: string | null): string | undefined {
  return canonicalize(hashEnvelope(e, prevHash));
}

// Any text, including what needs escaping, astral characters and lone surrogates.
const text = fc.string({ unit: 'binary' });
const instant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59.999Z'), noInvalidDate: true });
const event: fc.Arbitrary<HashedFields> = fc.record({
  incidentId: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  seq: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  kind: text,
  actor: text,
  occurredAt: instant,
  recordedAt: instant,
  source: text,
  // What jsonb gives back: any JSON value, keys in any order, numbers of any size.
  payload: fc.jsonValue({ maxDepth: 4 }),
  dedupeKey: fc.option(text, { nil: null }),
  correctsSeq: fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { nil: null }),
});

describe('canonical event form', () => {
  it('is the text canonicalize writes for the whole envelope', () => {
    fc.assert(
      fc.property(event, fc.option(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), { nil: null }), (e, prevHash) => {
        expect(canonicalEvent(e, prevHash)).toBe(libraryForm(e, prevHash));
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves out a member with no JSON form, as the library does', () => {
    const e = { incidentId: 7, seq: 3, kind: 'note_added', actor: 'U1', occurredAt: new Date(0), recordedAt: new Date(1), source: 'cli', payload: undefined, dedupeKey: null, correctsSeq: null };
    expect(canonicalEvent(e, null)).toBe(libraryForm(e, null));
    expect(canonicalEvent(e, null)).not.toContain('payload');
  });
});
