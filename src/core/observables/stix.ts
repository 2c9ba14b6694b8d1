// An incident's observables as a STIX 2.1 bundle (pure): one SCO per observable, one observed-data that references
// them all (what the incident saw), and an indicator with a STIX pattern for each malicious or suspicious one. Every
// object carries the export's TLP 2.0 marking in object_marking_refs, and the marking-definition object is in the
// bundle. Ids are UUIDv5: SCOs by STIX's own namespace and id-contributing properties (so two tools agree on them),
// the rest by Rampart's namespace and what they stand for, so exporting again gives the same ids.
import { createHash } from 'node:crypto';
import { TLP_STIX_IDS, type Tlp } from '../tlp/tlp.js';
import type { Observable, ObservableType } from './observable.js';

/** STIX's namespace for SCO ids (STIX 2.1, 2.9). */
const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** Rampart's namespace for the ids of the objects it makes (a v4 uuid chosen once). */
const RAMPART_NAMESPACE = '6f2c1d4e-8a5b-4c3e-9f7a-2b1d0e9c8a74';
/** The OASIS TLP 2.0 extension definition that marking-definitions name. */
const TLP_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** What the bundle is about: the incident's reference and title, the export time and its marking. */
export interface StixInput {
  ref: string;
  title: string;
  exportedAt: Date;
  marking: Tlp;
  observables: readonly Observable[];
}

type StixObject = Record<string, unknown> & { type: string; id: string };

/** The STIX 2.1 bundle of an incident's observables. Phone numbers have no STIX 2.1 SCO and are left out (MISP and CSV carry them). */
export function stixBundle(input: StixInput): { type: 'bundle'; id: string; objects: StixObject[] } {
  const markingRefs = [TLP_STIX_IDS[input.marking]];
  const inStix = input.observables.filter((o) => o.type !== 'phone');
  const scos = inStix.map((o) => ({ observable: o, sco: sco(o, markingRefs) }));
  const objects: StixObject[] = [tlpMarkingDefinition(input.marking)];
  if (scos.length > 0) {
    const times = inStix.map((o) => o.addedAt.getTime());
    objects.push({
      type: 'observed-data',
      spec_version: '2.1',
      id: `observed-data--${uuidV5(RAMPART_NAMESPACE, `${input.ref}:observed`)}`,
      created: iso(new Date(Math.min(...times))),
      modified: iso(input.exportedAt),
      first_observed: iso(new Date(Math.min(...times))),
      last_observed: iso(new Date(Math.max(...times))),
      number_observed: 1,
      object_refs: scos.map((s) => s.sco.id),
      labels: [`rampart:${input.ref}`],
      object_marking_refs: markingRefs,
    });
    objects.push(...scos.map((s) => s.sco));
  }
  for (const o of scos.map((s) => s.observable).filter((x) => x.verdict === 'malicious' || x.verdict === 'suspicious')) {
    if (o.type === 'phone') continue;
    objects.push({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${uuidV5(RAMPART_NAMESPACE, `${input.ref}:indicator:${o.id}`)}`,
      created: iso(o.addedAt),
      modified: iso(o.changedAt),
      name: `${o.verdict === 'malicious' ? 'Malicious' : 'Suspicious'} ${o.type} seen in ${input.ref}`,
      indicator_types: [o.verdict === 'malicious' ? 'malicious-activity' : 'anomalous-activity'],
      pattern: stixPattern(o.type, o.value),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: iso(o.addedAt),
      labels: [`rampart:${input.ref}`],
      object_marking_refs: markingRefs,
    });
  }
  return { type: 'bundle', id: `bundle--${uuidV5(RAMPART_NAMESPACE, `${input.ref}:bundle:${input.exportedAt.toISOString()}`)}`, objects };
}

/** The TLP 2.0 marking-definition object, as the OASIS TLP 2.0 extension publishes it. */
export function tlpMarkingDefinition(tlp: Tlp): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_STIX_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp}`,
    extensions: { [TLP_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp.toLowerCase() } },
  };
}

const PATTERN_PATH: Readonly<Record<Exclude<ObservableType, 'phone'>, string>> = {
  ipv4: 'ipv4-addr:value',
  ipv6: 'ipv6-addr:value',
  domain: 'domain-name:value',
  url: 'url:value',
  email: 'email-addr:value',
  md5: 'file:hashes.MD5',
  sha1: "file:hashes.'SHA-1'",
  sha256: "file:hashes.'SHA-256'",
  account: 'user-account:account_login',
};

/** The STIX pattern matching one observable: `[ipv4-addr:value = '203.0.113.7']`. */
export function stixPattern(type: Exclude<ObservableType, 'phone'>, value: string): string {
  // STIX pattern string literals escape a backslash and a quote with a backslash (STIX 2.1, 9.2).
  return `[${PATTERN_PATH[type]} = '${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`;
}

function sco(o: Observable, markingRefs: string[]): StixObject {
  const hashKey = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' } as const;
  const id = (type: string, contributing: Record<string, unknown>) => `${type}--${uuidV5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
  const base = { spec_version: '2.1', object_marking_refs: markingRefs };
  switch (o.type) {
    case 'md5':
    case 'sha1':
    case 'sha256': {
      const hashes = { [hashKey[o.type]]: o.value };
      return { type: 'file', id: id('file', { hashes }), ...base, hashes };
    }
    case 'account':
      return { type: 'user-account', id: id('user-account', { account_login: o.value }), ...base, account_login: o.value };
    case 'phone':
      throw new Error('phone numbers have no STIX SCO');
    default: {
      const type = { ipv4: 'ipv4-addr', ipv6: 'ipv6-addr', domain: 'domain-name', url: 'url', email: 'email-addr' }[o.type];
      return { type, id: id(type, { value: o.value }), ...base, value: o.value };
    }
  }
}

/** RFC 8785-style canonical JSON for the small flat objects SCO ids are made from: keys sorted, no spaces. */
function canonicalJson(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A name-based UUID (RFC 9562 version 5, SHA-1). */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function iso(d: Date): string {
  return d.toISOString();
}
