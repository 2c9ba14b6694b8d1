// Every detector stays linear on long hostile input (test/support/redaction-hostile.ts): each megabyte must be
// redacted, and the test must finish, like any text. No timing is asserted here (bench/redact.ts measures it); a
// pattern that went quadratic would not finish a megabyte at all.
import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/shared/redact.js';
import { everyLabel, HOSTILE } from '../../support/redaction-hostile.js';

describe('redact: linear on a megabyte of hostile text', () => {
  const cases = Object.entries(HOSTILE).flatMap(([kind, inputs]) =>
    inputs.map(([input, found], i) => [`${kind} #${i + 1}`, input, found] as const),
  );

  it.each(cases)('%s', (_name, input, found) => {
    const out = redact(input);
    expect(out.found).toEqual(found);
    if (found.length === 0) expect(out.text).toBe(input);
    else expect(redact(out.text)).toEqual({ text: out.text, found: [] });
  });

  it('every prefix and label at once', () => {
    const out = redact(everyLabel());
    expect(out.text.length).toBeGreaterThan(0);
    expect(redact(out.text)).toEqual({ text: out.text, found: [] });
  });
});
