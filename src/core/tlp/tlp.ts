// Traffic Light Protocol 2.0 (FIRST, https://www.first.org/tlp/): the five markings, their order, FIRST's wording and
// the identifiers other tools expect (STIX 2.1 marking definitions, MISP's tlp taxonomy tags). Pure: no database.
//
// An audience is named by the strictest marking it may receive. The markings are ordered by how far they may travel:
// CLEAR (anyone) < GREEN (the community) < AMBER (the organisation and its clients) < AMBER+STRICT (the organisation)
// < RED (the named recipients only). So an AMBER audience may receive CLEAR, GREEN and AMBER, never AMBER+STRICT or
// RED, and the responders of an incident (a RED audience) may receive everything.

/** The five TLP 2.0 markings, from the widest audience to the narrowest. */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
/** One TLP 2.0 marking. */
export type Tlp = (typeof TLP_LEVELS)[number];

/** FIRST's one-line definitions (TLP 2.0, "TLP definitions"), shown with the marking on every report and export. */
export const TLP_WORDING: Readonly<Record<Tlp, string>> = {
  CLEAR: 'Recipients can spread this to the world, there is no limit on disclosure.',
  GREEN: 'Limited disclosure, recipients can spread this within their community.',
  AMBER: 'Limited disclosure, recipients can only spread this on a need-to-know basis within their organization and its clients.',
  'AMBER+STRICT': 'Limited disclosure, recipients can only spread this on a need-to-know basis within their organization.',
  RED: 'For the eyes and ears of individual recipients only, no further disclosure.',
};

/** The STIX 2.1 marking-definition ids of TLP 2.0 (the OASIS TLP 2.0 extension's; CACAO uses the same UUIDs). */
export const TLP_STIX_IDS: Readonly<Record<Tlp, string>> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** The label as FIRST writes it: `TLP:AMBER+STRICT`. */
export function tlpLabel(tlp: Tlp): string {
  return `TLP:${tlp}`;
}

/** The marking line every report and export carries: the label and FIRST's definition. */
export function tlpStatement(tlp: Tlp): string {
  return `${tlpLabel(tlp)}: ${TLP_WORDING[tlp]}`;
}

/** MISP's tag from the `tlp` taxonomy: `tlp:amber+strict`. */
export function tlpMispTag(tlp: Tlp): string {
  return `tlp:${tlp.toLowerCase()}`;
}

/** Reads a marking as people type it (`red`, `TLP:AMBER+STRICT`, `amber strict`); undefined when it is none of the five. */
export function parseTlp(text: string): Tlp | undefined {
  const bare = text
    .trim()
    .toUpperCase()
    .replace(/^TLP\s*:?\s*/, '')
    .replace(/\s*[+\s_-]\s*STRICT$/, '+STRICT');
  // TLP 1.0's WHITE became CLEAR in 2.0; accept it so old habits still work.
  const level = bare === 'WHITE' ? 'CLEAR' : bare;
  return (TLP_LEVELS as readonly string[]).includes(level) ? (level as Tlp) : undefined;
}

/** How narrow a marking is: 0 for CLEAR up to 4 for RED. */
export function tlpRank(tlp: Tlp): number {
  return TLP_LEVELS.indexOf(tlp);
}

/** Whether an audience that may receive up to `audience` may receive something marked `item`. */
export function mayReceive(item: Tlp, audience: Tlp): boolean {
  return tlpRank(item) <= tlpRank(audience);
}

/** The stricter of two markings (a note's own marking never loosens its incident's). */
export function stricterTlp(a: Tlp, b: Tlp): Tlp {
  return tlpRank(a) >= tlpRank(b) ? a : b;
}

/** An incident's marking when no one has set one: its private details go to named people only. */
export function defaultIncidentTlp(incident: { private: boolean }): Tlp {
  return incident.private ? 'RED' : 'AMBER';
}
