// The digest's pure rules, without a database: the week's bounds, what counts once, redaction, drills, and wording.
import { describe, expect, it } from 'vitest';
import { changeKind, shapeDigest, type DigestInput, type DigestSource, type StatusChange } from '../../../src/core/digest/digest.js';
import { changeLine, figureLines, openLine, PLAIN } from '../../../src/core/digest/lines.js';
import { formatRef } from '../../../src/core/incidents/incident.js';

const TO = new Date('2026-11-23T07:00:00Z');
const FROM = new Date('2026-11-16T07:00:00Z');
const HOUR = 3_600_000;
const hoursAfter = (from: Date, h: number) => new Date(from.getTime() + h * HOUR);

const anIncident = (number: number, o: Partial<DigestSource> = {}): DigestSource => ({
  id: number, number, ref: formatRef(number), title: `Incident ${number}`, type: 'phishing', severity: 'sev3', status: 'investigating',
  private: false, drill: false, commanderId: null, declaredAt: hoursAfter(FROM, 1), acknowledgedAt: null, resolvedAt: null, ...o,
});
const aChange = (incidentId: number, at: Date, from: StatusChange['from'], to: StatusChange['to']): StatusChange => ({ incidentId, at, from, to });
const shape = (o: Partial<DigestInput>) => shapeDigest({ from: FROM, to: TO, timezone: 'Europe/Paris', open: [], week: [], statusChanges: [], ...o });

describe('shapeDigest', () => {
  it('covers (from, to]: a change exactly at the start belongs to the week before, one at the slot to this one', () => {
    const week = [anIncident(1, { declaredAt: FROM }), anIncident(2, { declaredAt: TO })];
    const digest = shape({ week, statusChanges: [aChange(1, FROM, 'investigating', 'resolved'), aChange(2, TO, 'triage', 'declined')] });
    expect(digest.changes.map((c) => [c.kind, c.incident.ref])).toEqual([['declared', 'INC-2'], ['declined', 'INC-2']]);
    expect(digest.figures).toMatchObject({ declared: 1, resolved: 0, declined: 1 });
  });

  it('counts an incident resolved, reopened and resolved again once, and lists all three changes', () => {
    const inc = anIncident(1, { declaredAt: hoursAfter(FROM, -100), status: 'resolved', resolvedAt: hoursAfter(FROM, 50) });
    const changes = [aChange(1, hoursAfter(FROM, 10), 'investigating', 'resolved'), aChange(1, hoursAfter(FROM, 20), 'resolved', 'investigating'), aChange(1, hoursAfter(FROM, 50), 'investigating', 'resolved')];
    const digest = shape({ week: [inc], statusChanges: changes });
    expect(digest.changes.map((c) => c.kind)).toEqual(['resolved', 'reopened', 'resolved']);
    expect(digest.figures.resolved).toBe(1);
    expect(digest.figures.resolve).toEqual({ count: 1, medianMs: 150 * HOUR });
  });

  it('gives a private incident no title or type key at all', () => {
    const secret = anIncident(1, { private: true, title: 'Payroll export leaked', type: 'data-leak' });
    const digest = shape({ open: [secret], week: [secret] });
    expect(digest.open[0]).toEqual({ ref: 'INC-1', severity: 'sev3', status: 'investigating', drill: false, commanderId: null, redacted: true, daysOpen: 6 });
    expect(Object.keys(digest.changes[0]!.incident)).not.toContain('title');
    expect(JSON.stringify(digest)).not.toMatch(/Payroll|data-leak/);
  });

  it('lists drills but counts them only as drills', () => {
    const drill = anIncident(1, { drill: true, acknowledgedAt: hoursAfter(FROM, 2), status: 'resolved', resolvedAt: hoursAfter(FROM, 3) });
    const digest = shape({ week: [drill], statusChanges: [aChange(1, hoursAfter(FROM, 3), 'investigating', 'resolved')] });
    expect(digest.changes.map((c) => [c.kind, c.incident.drill])).toEqual([['declared', true], ['resolved', true]]);
    expect(digest.figures).toEqual({ declared: 0, resolved: 0, closed: 0, declined: 0, acknowledge: { count: 0, medianMs: null }, resolve: { count: 0, medianMs: null }, drills: 1 });
  });

  it('takes the median of the even count as the mean of the middle two, leaving out declined and merged incidents', () => {
    const acked = (n: number, h: number, o: Partial<DigestSource> = {}) => anIncident(n, { acknowledgedAt: hoursAfter(FROM, 1 + h), ...o });
    const week = [acked(1, 1), acked(2, 2), acked(3, 4), acked(4, 10), acked(5, 0.1, { status: 'declined' }), acked(6, 0.2, { status: 'merged' })];
    expect(shape({ week }).figures.acknowledge).toEqual({ count: 4, medianMs: 3 * HOUR });
  });

  it('leaves out open incidents declared after the slot and sorts the rest by severity, then number', () => {
    const open = [anIncident(3, { severity: 'sev2' }), anIncident(1, { severity: 'sev4' }), anIncident(2, { severity: 'sev2' }), anIncident(9, { declaredAt: hoursAfter(TO, 1) })];
    expect(shape({ open }).open.map((i) => i.ref)).toEqual(['INC-2', 'INC-3', 'INC-1']);
  });
});

describe('changeKind', () => {
  it('names the listed changes and ignores the rest', () => {
    expect(changeKind('triage', 'investigating')).toBeUndefined();
    expect(changeKind('investigating', 'contained')).toBeUndefined();
    expect(changeKind('contained', 'investigating')).toBeUndefined();
    expect(changeKind('closed', 'investigating')).toBe('reopened');
    expect(changeKind('declined', 'triage')).toBe('reopened');
    expect(changeKind('triage', 'merged')).toBe('merged');
  });
});

describe('digest lines', () => {
  it('words open incidents, changes and figures', () => {
    const digest = shape({
      open: [anIncident(3, { private: true, severity: 'sev2', commanderId: 'U0C', declaredAt: hoursAfter(TO, -49) })],
      week: [anIncident(4, { declaredAt: hoursAfter(TO, -30), title: 'Look-alike domain' }), anIncident(5, { status: 'merged' })],
      statusChanges: [aChange(5, hoursAfter(FROM, 2), 'triage', 'merged')].map((c) => ({ ...c, mergedInto: 'INC-4' })),
    });
    expect(openLine(digest.open[0]!, PLAIN)).toBe('INC-3 · SEV2 · investigating · private · open 2 days · commander @U0C');
    expect(digest.changes.map((c) => changeLine(c, digest.timezone, PLAIN))).toEqual([
      'Mon 16 Nov · Declared: INC-5 · SEV3 · Incident 5 (phishing)',
      'Mon 16 Nov · Merged: INC-5 · SEV3 · Incident 5 (phishing) · into INC-4',
      'Sun 22 Nov · Declared: INC-4 · SEV3 · Look-alike domain (phishing)',
    ]);
    expect(figureLines(digest.figures)).toEqual(['Declared 2 · Resolved 0 · Closed 0 · Declined 0', 'Median time to acknowledge: no incident this week', 'Median time to resolve: no incident this week']);
  });
});
