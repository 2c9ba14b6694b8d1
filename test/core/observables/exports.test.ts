// The observable exports against the real files: every STIX bundle validated with the OASIS STIX 2.1 schemas (ajv's
// 2020-12 validator, each schema registered by its $id), every MISP attribute's type checked against its category in
// MISP's describeTypes.json and the event's shape against a real MISP export, and the CSV's marking line and quoting.
// Skips with a note when ../shared/corpora is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { CORPORA } from '../../support/corpora.js';
import { stixBundle, stixPattern, uuidV5 } from '../../../src/core/observables/stix.js';
import { MISP_TYPES, mispEvent } from '../../../src/core/observables/misp.js';
import { observablesCsv } from '../../../src/core/observables/csv.js';
import { exportMarking } from '../../../src/core/observables/export.js';
import { OBSERVABLE_TYPES, type Observable, type ObservableType, type Verdict } from '../../../src/core/observables/observable.js';
import { TLP_LEVELS, TLP_STIX_IDS, tlpMispTag, tlpStatement } from '../../../src/core/tlp/tlp.js';
import type { SafeText } from '../../../src/shared/safe-text.js';

const addFormats = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);
const STIX_SCHEMAS = path.join(CORPORA, 'stix/schemas');
const MISP_TYPES_FILE = path.join(CORPORA, 'misp/describeTypes.json');
const MISP_EVENT_FILE = path.join(CORPORA, 'misp/events/existing_event.json');
const HAVE_STIX = existsSync(STIX_SCHEMAS);
const HAVE_MISP = existsSync(MISP_TYPES_FILE) && existsSync(MISP_EVENT_FILE);
if (!HAVE_STIX) console.warn(`[skip] STIX schema checks: the STIX schemas are not at ${STIX_SCHEMAS}`);
if (!HAVE_MISP) console.warn(`[skip] MISP format checks: describeTypes.json or existing_event.json is not under ${path.join(CORPORA, 'misp')}`);

const T0 = new Date('2026-11-02T09:00:00.000Z');
const VALUES: Record<ObservableType, string> = {
  ipv4: '203.0.113.7',
  ipv6: '2001:db8::1',
  domain: 'evil.example',
  url: "https://evil.example/login?next=it's",
  email: 'alice@evil.example',
  md5: 'd41d8cd98f00b204e9800998ecf8427e',
  sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  phone: '+442079460000',
  account: "CORP\\o'brien",
};
const VERDICT_CYCLE: Verdict[] = ['malicious', 'suspicious', 'benign', 'unknown'];
const every: Observable[] = OBSERVABLE_TYPES.map((type, i) => ({
  id: i + 1,
  incidentId: 1,
  type,
  value: VALUES[type] as SafeText,
  verdict: VERDICT_CYCLE[i % 4]!,
  origin: i % 2 ? 'scan' : 'typed',
  addedBy: 'U0ALICE',
  addedAt: new Date(T0.getTime() + i * 60_000),
  changedBy: 'U0ALICE',
  changedAt: new Date(T0.getTime() + i * 120_000),
}));

describe.skipIf(!HAVE_STIX)('STIX 2.1 bundle (OASIS schemas)', () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    // The STIX schemas' patterns escape '-' outside classes, which only non-unicode regular expressions accept.
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
    addFormats(ajv);
    for (const file of readdirSync(STIX_SCHEMAS, { recursive: true }).map(String).filter((f) => f.endsWith('.json'))) {
      ajv.addSchema(JSON.parse(readFileSync(path.join(STIX_SCHEMAS, file), 'utf8')) as object);
    }
    validate = ajv.getSchema('http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json')!;
  });

  it.each(TLP_LEVELS)('is valid with every type, every verdict and the %s marking', (marking) => {
    const bundle = stixBundle({ ref: 'INC-3', title: 'Phish', exportedAt: T0, marking, observables: every });
    const ok = validate(bundle);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const objects = bundle.objects;
    expect(objects.filter((o) => o.type === 'marking-definition').map((o) => o.id)).toEqual([TLP_STIX_IDS[marking]]);
    for (const o of objects.filter((x) => x.type !== 'marking-definition')) expect(o.object_marking_refs).toEqual([TLP_STIX_IDS[marking]]);
  });

  it('holds an observed-data over every SCO and an indicator per malicious or suspicious observable', () => {
    const bundle = stixBundle({ ref: 'INC-3', title: 'Phish', exportedAt: T0, marking: 'AMBER', observables: every });
    const byType = (t: string) => bundle.objects.filter((o) => o.type === t);
    const [observed] = byType('observed-data');
    const scoIds = bundle.objects.filter((o) => !['marking-definition', 'observed-data', 'indicator'].includes(o.type)).map((o) => o.id);
    // Nine SCOs: phone numbers have no STIX 2.1 object.
    expect(scoIds).toHaveLength(9);
    expect(observed!.object_refs).toEqual(scoIds);
    const patterns = byType('indicator').map((o) => o.pattern);
    expect(patterns).toEqual([
      "[ipv4-addr:value = '203.0.113.7']",
      "[ipv6-addr:value = '2001:db8::1']",
      "[email-addr:value = 'alice@evil.example']",
      "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
      "[user-account:account_login = 'CORP\\\\o\\'brien']",
    ]);
    const kinds = byType('indicator').map((o) => o.indicator_types);
    expect(kinds).toEqual([['malicious-activity'], ['anomalous-activity'], ['malicious-activity'], ['anomalous-activity'], ['anomalous-activity']]);
  });

  it('escapes quotes and backslashes in patterns, and gives SCOs STIX’s own deterministic ids', () => {
    expect(stixPattern('account', "CORP\\o'brien")).toBe("[user-account:account_login = 'CORP\\\\o\\'brien']");
    // STIX 2.1's SCO id rule (UUIDv5 over the canonical contributing properties), checked against a value computed independently.
    expect(uuidV5('00abedb4-aa42-466c-9c01-fed23315a9b7', '{"value":"203.0.113.7"}')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const one = stixBundle({ ref: 'INC-3', title: 'x', exportedAt: T0, marking: 'RED', observables: every });
    const two = stixBundle({ ref: 'INC-3', title: 'x', exportedAt: T0, marking: 'RED', observables: every });
    expect(one).toEqual(two);
  });

  it('is valid when the incident has no observables', () => {
    expect(validate(stixBundle({ ref: 'INC-3', title: 'x', exportedAt: T0, marking: 'CLEAR', observables: [] }))).toBe(true);
  });
});

describe.skipIf(!HAVE_MISP)('MISP event (describeTypes.json, a real export)', () => {
  const describeTypes = () => (JSON.parse(readFileSync(MISP_TYPES_FILE, 'utf8')) as { result: { category_type_mappings: Record<string, string[]> } }).result;
  // PyMISP's test file is the inside of {"Event": …}.
  const real = () => JSON.parse(readFileSync(MISP_EVENT_FILE, 'utf8')) as Record<string, unknown> & { Attribute: Record<string, unknown>[] };
  const input = { ref: 'INC-3', title: 'Phish', severity: 'sev2', status: 'contained', declaredAt: T0, exportedAt: T0, marking: 'AMBER' as const, observables: every };

  it('uses, for every type, an attribute type its category allows', () => {
    const mappings = describeTypes().category_type_mappings;
    for (const t of OBSERVABLE_TYPES) expect(mappings[MISP_TYPES[t].category], `${t} → ${MISP_TYPES[t].type}`).toContain(MISP_TYPES[t].type);
  });

  it('has the shape of a real MISP export, to_ids on malicious ones only, and the TLP tag', () => {
    const { Event } = mispEvent(input);
    const sample = real();
    for (const key of Object.keys(Event)) expect(Object.keys(sample), key).toContain(key);
    for (const key of ['info', 'date', 'threat_level_id', 'analysis', 'distribution', 'uuid', 'Attribute', 'Tag']) expect(typeof Event[key as keyof typeof Event]).toBe(typeof sample[key]);
    for (const a of Event.Attribute) {
      for (const key of Object.keys(a)) expect(Object.keys(sample.Attribute[0]!), key).toContain(key);
      for (const key of Object.keys(a)) expect(typeof a[key as keyof typeof a], key).toBe(typeof sample.Attribute[0]![key]);
    }
    expect(Event.date).toBe('2026-11-02');
    expect(Event.threat_level_id).toBe('2');
    expect(Event.Attribute.filter((a) => a.to_ids).map((a) => a.value)).toEqual([VALUES.ipv4, VALUES.email, VALUES.phone]);
    expect(Event.Tag).toEqual([{ name: tlpMispTag('AMBER') }]);
  });
});

describe('CSV', () => {
  it('starts with the marking, quotes what needs it and guards formulas except provable phone numbers', () => {
    const csv = observablesCsv({ ref: 'INC-3', marking: 'AMBER+STRICT', observables: every });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(`# ${tlpStatement('AMBER+STRICT')}`);
    expect(lines[1]).toBe('incident,type,value,defanged,verdict,origin,added_by,added_at,changed_at');
    expect(lines).toContain('INC-3,ipv4,203.0.113.7,203.0.113[.]7,malicious,typed,U0ALICE,2026-11-02T09:00:00.000Z,2026-11-02T09:00:00.000Z');
    expect(lines.find((l) => l.includes(',phone,'))).toContain(',+442079460000,+442079460000,');
    const guarded = observablesCsv({ ref: 'INC-3', marking: 'RED', observables: [{ ...every[9]!, value: '=HYPERLINK("x")' as SafeText }] });
    expect(guarded).toContain(`,"'=HYPERLINK(""x"")","'=HYPERLINK(""x"")",`);
  });
});

describe('exportMarking', () => {
  it('is the incident’s default marking for now', () => {
    expect(exportMarking({ private: true })).toBe('RED');
    expect(exportMarking({ private: false })).toBe('AMBER');
  });
});
