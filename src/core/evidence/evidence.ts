// Evidence and its chain of custody (NIST SP 800-61's evidence log): what an item is, the EV-n reference people type,
// and the pure rules for what they give (a SHA-256, a back-dated collection time in a zone, a stricter marking).
import { DateTime, IANAZone } from 'luxon';
import { AppError } from '../../shared/errors.js';
import { parseTlp, tlpLabel, tlpRank, type Tlp } from '../tlp/tlp.js';

/** One evidence item as stored. */
export interface EvidenceItem {
  id: number;
  number: number;
  incidentId: number;
  description: string;
  location: string;
  /** Lower-case hex, or null when the item is not a file (a device, a paper log). */
  sha256: string | null;
  /** A Slack user id or a name. */
  collectedBy: string;
  collectedAt: Date;
  /** The IANA zone the collection time was given in. */
  collectedZone: string;
  /** Who holds it now: a Slack user id or a name. */
  holder: string;
  /** A marking stricter than the incident's; null: the incident's own. */
  tlp: Tlp | null;
  addedBy: string;
  addedAt: Date;
}

/** A custody transfer, as the timeline records it. */
export interface CustodyTransfer {
  from: string;
  to: string;
  reason: string;
  at: Date;
  by: string;
}

/** A hash re-check, as the timeline records it: matches false is a mismatch, recorded and never refused. */
export interface HashCheck {
  expected: string;
  actual: string;
  matches: boolean;
  via: 'file' | 'given';
  at: Date;
  by: string;
}

/** An item with its custody chain and re-checks, oldest first: one entry of the evidence log. */
export interface EvidenceLogEntry {
  item: EvidenceItem;
  ref: string;
  transfers: CustodyTransfer[];
  checks: HashCheck[];
}

/** A transfer or re-check event as the log reads it from the timeline. */
export interface CustodyEvent {
  kind: string;
  actor: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/** Each item with its transfers and re-checks (from the timeline, oldest first), in EV order. */
export function evidenceLog(items: readonly EvidenceItem[], events: readonly CustodyEvent[]): EvidenceLogEntry[] {
  const byId = new Map(items.map((item) => [item.id, { item, ref: formatEvidenceRef(item.number), transfers: [] as CustodyTransfer[], checks: [] as HashCheck[] }]));
  for (const e of events) {
    const entry = byId.get(Number(e.payload.evidenceId));
    if (!entry) continue;
    const p = e.payload;
    if (e.kind === 'evidence_transferred') entry.transfers.push({ from: String(p.from), to: String(p.to), reason: String(p.reason), at: e.occurredAt, by: e.actor });
    if (e.kind === 'evidence_checked') {
      entry.checks.push({ expected: String(p.expected), actual: String(p.actual), matches: p.matches === true, via: p.via === 'file' ? 'file' : 'given', at: e.occurredAt, by: e.actor });
    }
  }
  return [...byId.values()].sort((a, b) => a.item.number - b.item.number);
}

/** EV-12 for item number 12. */
export function formatEvidenceRef(number: number): string {
  return `EV-${number}`;
}

/** The number in EV-12 (ev-12, EV12); null when the text is no evidence reference. */
export function parseEvidenceRef(text: string): number | null {
  const m = /^EV-?(\d{1,9})$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** A SHA-256 as people paste it (upper case, `sha256:` prefix, spaces around), in lower-case hex; throws when it is not one. */
export function normaliseSha256(text: string): string {
  const hex = text.trim().replace(/^sha-?256:/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new AppError('invalid_input', `"${text.trim().slice(0, 80)}" is not a SHA-256: give the 64 hexadecimal characters.`, { field: 'sha256' });
  return hex;
}

/** Checks an IANA zone name (Europe/Paris, UTC); throws when luxon does not know it. */
export function checkZone(zone: string): string {
  if (!IANAZone.isValidZone(zone)) throw new AppError('invalid_input', `"${zone.slice(0, 60)}" is not an IANA time zone such as Europe/Paris or UTC.`, { field: 'zone' });
  return zone;
}

/**
 * When an item was collected: `2026-12-04T14:05` or `2026-12-04 14:05` read on the wall clock of `zone`; an offset in
 * the text (`…Z`, `…+01:00`) wins. Never after now (a collection cannot be in the future).
 */
export function parseCollectedAt(text: string, zone: string, now: Date): Date {
  const dt = DateTime.fromISO(text.trim().replace(' ', 'T'), { zone: checkZone(zone), setZone: false });
  if (!dt.isValid) throw new AppError('invalid_input', `"${text.slice(0, 60)}" is not a time: write it as 2026-12-04T14:05 (in ${zone}).`, { field: 'collectedAt' });
  const at = dt.toJSDate();
  if (at.getTime() > now.getTime() + 60_000) throw new AppError('invalid_input', `The collection time ${dt.toISO()} is in the future.`, { field: 'collectedAt' });
  return at;
}

/** An item's own marking: parsed, and never looser than the incident's (it may only narrow who receives the item). */
export function itemTlp(text: string, incidentTlp: Tlp): Tlp {
  const tlp = parseTlp(text);
  if (!tlp) throw new AppError('invalid_input', `"${text.slice(0, 30)}" is not a TLP marking: CLEAR, GREEN, AMBER, AMBER+STRICT or RED.`, { field: 'tlp' });
  if (tlpRank(tlp) < tlpRank(incidentTlp)) {
    throw new AppError('invalid_input', `${tlpLabel(tlp)} is looser than the incident’s ${tlpLabel(incidentTlp)}: an item’s marking may only be stricter.`, { field: 'tlp' });
  }
  return tlp;
}

/** An item's collection time as the collector read it: `2026-12-04 14:05 (Europe/Paris, UTC+1)`. */
export function collectedWords(item: Pick<EvidenceItem, 'collectedAt' | 'collectedZone'>): string {
  const dt = DateTime.fromJSDate(item.collectedAt, { zone: item.collectedZone });
  return `${dt.toFormat('yyyy-MM-dd HH:mm')} (${item.collectedZone}, UTC${dt.toFormat('ZZ')})`;
}

/** Whether a custodian is a Slack user id (shown as a mention) rather than a name. */
export function isSlackUser(who: string): boolean {
  return /^[UW][A-Z0-9]{2,}$/.test(who);
}

/** A custodian as given: trimmed, one line, not empty, at most 200 characters. */
export function custodian(text: string, field: 'collectedBy' | 'holder'): string {
  const who = text.replace(/\s+/g, ' ').trim();
  if (who === '') throw new AppError('invalid_input', field === 'holder' ? 'Say who receives the item.' : 'Say who collected the item.', { field });
  if (who.length > 200) throw new AppError('invalid_input', 'A custodian’s name is at most 200 characters.', { field });
  return who;
}
