import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  parseRef,
  parseSeverity,
  phaseTimestamps,
  TRANSITIONS,
  STATUSES,
  type Incident,
} from '../../src/core/incidents/incident.js';
import { checkText, checkTitle } from '../../src/core/incidents/text-rules.js';
import { parseNoteTime } from '../../src/core/timeline/occurred-at.js';

const base: Incident = {
  id: 1, number: 1, ref: 'INC-1', title: 't', description: '', type: 'other', severity: 'sev3', status: 'triage',
  private: true, drill: false, reporterId: 'U1', commanderId: null, commsId: null, scribeId: null, channelId: null,
  channelName: null, mergedIntoId: null, declaredAt: new Date(0), acknowledgedAt: null, containedAt: null,
  resolvedAt: null, closedAt: null, updatedAt: new Date(0),
};
const anIncident = (o: Partial<Incident> = {}): Incident => ({ ...base, ...o });

describe('references', () => {
  it('reads INC-n in any case, and bare numbers', () => {
    expect(parseRef('INC-12')).toBe(12);
    expect(parseRef('inc-12')).toBe(12);
    expect(parseRef('Inc12')).toBe(12);
    expect(parseRef('12')).toBe(12);
    expect(parseRef('INC-x')).toBeNull();
  });
});

describe('status transitions', () => {
  it('every status has an entry and merged is final', () => {
    for (const s of STATUSES) expect(TRANSITIONS[s]).toBeDefined();
    expect(TRANSITIONS.merged).toEqual([]);
  });
  it('a disallowed move names the allowed next statuses', () => {
    expect(() => assertTransition('INC-1', 'triage', 'closed')).toThrow(/From triage it can go to: investigating, contained, resolved, declined, merged/);
    expect(() => assertTransition('INC-1', 'merged', 'triage')).toThrow(/merged is final/);
    expect(() => assertTransition('INC-1', 'triage', 'investigating')).not.toThrow();
  });
  it('leaving triage sets acknowledged_at once; resolving implies containment', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(phaseTimestamps(anIncident(), 'investigating', at)).toEqual({ acknowledgedAt: at });
    expect(phaseTimestamps(anIncident({ status: 'investigating', acknowledgedAt: at }), 'resolved', at)).toEqual({ containedAt: at, resolvedAt: at });
    expect(phaseTimestamps(anIncident({ status: 'resolved', resolvedAt: at, containedAt: at }), 'investigating', at)).toEqual({ resolvedAt: null, closedAt: null });
  });
});

describe('severity and titles', () => {
  it('accepts sev1..sev4 in any case and names the choices otherwise', () => {
    expect(parseSeverity('SEV2')).toBe('sev2');
    expect(() => parseSeverity('sev5')).toThrow(/sev1, sev2, sev3, sev4/);
  });
  it('rejects empty, overlong and broadcasting titles with specific messages', () => {
    expect(() => checkTitle('   ')).toThrow(/needs a title/);
    expect(() => checkTitle('x'.repeat(5000))).toThrow(/5000 characters; keep it to 150/);
    expect(() => checkTitle('Hey <!channel> look')).toThrow(/group mention/);
    expect(checkTitle('  Phishing   on <@U123|bob> ')).toBe('Phishing on <@U123|bob>');
    // What Postgres cannot store is refused with a reason, not a database error (the CLI reaches core directly).
    expect(() => checkTitle('Odd\u0000login')).toThrow(/cannot be stored/);
    expect(() => checkText('half an emoji \uD83D', 'note', 100)).toThrow(/note contains a character that cannot be stored/);
    expect(checkText('whole emoji \uD83D\uDE00', 'note', 100)).toBe('whole emoji \uD83D\uDE00');
  });
});

describe('note times', () => {
  const now = new Date('2026-11-24T10:00:00Z'); // 11:00 in Paris
  it('reads "at HH:MM" in the configured zone, the most recent such time', () => {
    expect(parseNoteTime('at 09:30 user clicked', now, 'Europe/Paris')).toEqual({ text: 'user clicked', occurredAt: new Date('2026-11-24T08:30:00Z') });
    // 14:05 Paris has not happened yet today: it means yesterday.
    expect(parseNoteTime('at 14:05 mail arrived', now, 'Europe/Paris').occurredAt).toEqual(new Date('2026-11-23T13:05:00Z'));
  });
  it('reads ISO 8601 with an offset, and refuses the future', () => {
    expect(parseNoteTime('at 2026-11-20T08:00:00+01:00 first mail', now).occurredAt).toEqual(new Date('2026-11-20T07:00:00Z'));
    expect(() => parseNoteTime('at 2027-01-01T00:00:00Z later', now)).toThrow(/in the future/);
  });
  it('leaves ordinary text alone and rejects bad times', () => {
    expect(parseNoteTime('at the office, a USB stick', now)).toEqual({ text: 'at the office, a USB stick', occurredAt: undefined });
    expect(() => parseNoteTime('at 25:00 x', now)).toThrow(/not a time/);
    expect(() => parseNoteTime('at 10:00', now)).toThrow(/note is empty/);
  });
  it('refuses a time it cannot read instead of keeping it as text, and says which forms it reads', () => {
    for (const when of ['9.40am', '9.40', '9h40', '9:40am', '9am', '9:5', '14:05:00Z', '2026-13-01', '2026-11-2']) {
      expect(() => parseNoteTime(`at ${when} phone call from the bank`, now), when).toThrow(
        `"${when}" is not a time I understand. Start the note with \`at HH:MM\` on the 24-hour clock (e.g. at 09:40 or at 14:05) or \`at <ISO 8601>\``,
      );
    }
  });
  it('keeps notes that merely start with "at" as text, and lets a comma end the time', () => {
    for (const text of ['at least two staff clicked', 'At last, the vendor answered', 'at 3 sites the badge readers failed', 'at 10.0.0.5 the scanner stopped', 'at noon the CEO was told']) {
      expect(parseNoteTime(text, now)).toEqual({ text, occurredAt: undefined });
    }
    expect(parseNoteTime('at 09:30, user clicked', now, 'Europe/Paris')).toEqual({ text: 'user clicked', occurredAt: new Date('2026-11-24T08:30:00Z') });
  });
});
