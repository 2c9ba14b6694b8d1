// An incident's observables as a MISP event (pure), in the JSON shape MISP exports and imports ({"Event": {...}}):
// one attribute per observable with a type its category allows in MISP's describeTypes.json, to_ids for the malicious
// ones (what a detection system should alert on), and the TLP marking as a tag of MISP's tlp taxonomy.
import { tlpMispTag, type Tlp } from '../tlp/tlp.js';
import type { Observable, ObservableType } from './observable.js';
import { uuidV5 } from './stix.js';

/** Rampart's namespace for MISP uuids (distinct from STIX's, so the two exports never share an id by accident). */
const MISP_NAMESPACE = '3c9b0f52-7d1e-4a86-b5c2-91e4f07a6d3b';

/** MISP's attribute type and category for each observable type (each pair allowed by describeTypes.json). */
export const MISP_TYPES: Readonly<Record<ObservableType, { type: string; category: string }>> = {
  // An address seen in an incident is usually where something went (C2, exfiltration): MISP's destination type.
  ipv4: { type: 'ip-dst', category: 'Network activity' },
  ipv6: { type: 'ip-dst', category: 'Network activity' },
  domain: { type: 'domain', category: 'Network activity' },
  url: { type: 'url', category: 'Network activity' },
  // An email address in an incident is usually a phishing sender.
  email: { type: 'email-src', category: 'Payload delivery' },
  md5: { type: 'md5', category: 'Payload delivery' },
  sha1: { type: 'sha1', category: 'Payload delivery' },
  sha256: { type: 'sha256', category: 'Payload delivery' },
  phone: { type: 'phone-number', category: 'Person' },
  // An account named in an incident is usually the one targeted or taken over.
  account: { type: 'target-user', category: 'Targeting data' },
};

/** What the event is about: the incident and the export's marking. */
export interface MispInput {
  ref: string;
  title: string;
  severity: string;
  status: string;
  declaredAt: Date;
  exportedAt: Date;
  marking: Tlp;
  observables: readonly Observable[];
}

const THREAT_LEVEL: Readonly<Record<string, string>> = { sev1: '1', sev2: '2', sev3: '3', sev4: '4' };

/** The MISP event of an incident's observables. */
export function mispEvent(input: MispInput) {
  const seconds = (d: Date) => String(Math.floor(d.getTime() / 1000));
  const ended = input.status === 'resolved' || input.status === 'closed';
  return {
    Event: {
      uuid: uuidV5(MISP_NAMESPACE, `${input.ref}:event`),
      info: `${input.ref}: ${input.title}`,
      date: input.declaredAt.toISOString().slice(0, 10),
      // 1 high … 4 undefined, from the incident's severity.
      threat_level_id: THREAT_LEVEL[input.severity] ?? '4',
      // 1 ongoing, 2 completed.
      analysis: ended ? '2' : '1',
      // 0: this organisation only. Sharing wider is a decision for the MISP side, made with the TLP tag in view.
      distribution: '0',
      published: false,
      timestamp: seconds(input.exportedAt),
      Tag: [{ name: tlpMispTag(input.marking) }],
      Attribute: input.observables.map((o) => ({
        uuid: uuidV5(MISP_NAMESPACE, `${input.ref}:attribute:${o.id}`),
        type: MISP_TYPES[o.type].type,
        category: MISP_TYPES[o.type].category,
        value: o.value,
        to_ids: o.verdict === 'malicious',
        comment: `${o.verdict}; ${o.origin === 'scan' ? 'offered from a scan' : 'typed'} by ${o.addedBy}`,
        // 5: inherit the event's distribution.
        distribution: '5',
        timestamp: seconds(o.changedAt),
        deleted: false,
        disable_correlation: false,
      })),
    },
  };
}
