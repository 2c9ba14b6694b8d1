// Alert bodies fuzzed through core (the HTTP route only adds the checks before it): whatever the JSON, receiving
// either files the alert or refuses it with a coded error that names a field, and a refusal writes nothing.
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCore } from '../support/core.js';
import { isAppError } from '../../src/shared/errors.js';
import { fuzzRuns } from './budget.js';

let t: Awaited<ReturnType<typeof testCore>>;
let token: string;
beforeAll(async () => {
  t = await testCore({ reviewRequired: [] });
  token = (await t.core.alerts.createSource({ id: 'cli', source: 'cli' }, 'fuzz')).token;
});
afterAll(async () => {
  await t.close();
});

async function rowCounts(): Promise<unknown> {
  const r = await t.database.db.execute(
    sql.raw(`select (select count(*) from incidents) i, (select count(*) from alerts) a, (select count(*) from timeline_events) e, (select count(*) from observables) o`),
  );
  return (r as unknown as { rows: unknown[] }).rows[0];
}

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', ' ', '\u0000', '\ud800', '<!here>', 'x'.repeat(4000), 'sev1', 'other'));
const value = fc.oneof(text, fc.integer(), fc.constant(null), fc.boolean(), fc.array(text, { maxLength: 3 }));
const observable = fc.record({ type: fc.oneof(fc.constantFrom('ipv4', 'domain', 'url', 'email', 'sha256', 'account'), text), value: fc.oneof(text, fc.ipV4(), fc.domain(), fc.webUrl()) }, { requiredKeys: [] });
// Near-valid bodies: good values for each field, with a hostile one mixed in now and then.
const nearValid = fc.record(
  {
    title: fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() !== '') }, { weight: 1, arbitrary: text }),
    severity: fc.constantFrom('sev1', 'sev2', 'sev3', 'sev4'),
    dedupe_key: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('k1', 'k2', 'k3') }, { weight: 1, arbitrary: text }),
    link: fc.webUrl(),
    observables: fc.array(fc.oneof(fc.record({ type: fc.constant('ipv4'), value: fc.ipV4() }), fc.record({ type: fc.constant('domain'), value: fc.domain() })), { maxLength: 3 }),
  },
  { requiredKeys: ['title'] },
);
const body = fc.oneof(
  nearValid,
  fc.record(
    {
      title: value,
      severity: fc.oneof(fc.constantFrom('sev1', 'sev2', 'sev3', 'sev4'), value),
      type: fc.oneof(fc.constantFrom('other', 'phishing', 'malware'), value),
      dedupe_key: value,
      description: value,
      link: fc.oneof(fc.webUrl(), value),
      observables: fc.oneof(fc.array(observable, { maxLength: 4 }), value),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
);

describe('alert bodies, fuzzed', () => {
  it('file or refuse with a field named, and a refusal writes nothing', async () => {
    let filed = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const before = await rowCounts();
        try {
          const r = await t.core.alerts.receive(token, b);
          expect(r.incident.ref).toMatch(/^INC-\d+$/);
          filed++;
        } catch (err) {
          expect(isAppError(err), String(err)).toBe(true);
          expect(typeof (err as { details: { field?: unknown } }).details.field).toBe('string');
          expect(await rowCounts()).toEqual(before);
          refused++;
        }
      }),
      { numRuns: fuzzRuns(150) },
    );
    // The generators reach both ends: bodies that are filed and bodies that are refused.
    expect(filed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
