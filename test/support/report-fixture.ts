// A fixed report for renderer tests: INC-7, a phishing incident declared 2026-11-24 09:00 UTC (10:00 in Paris),
// reopened once, with a back-dated note, a tie on occurredAt, a correction, one playbook run, a review and a tip.
// Also lazily generated events for streaming tests.
import { redactReview } from '../../src/core/reviews/save.js';
import { describeEvent } from '../../src/core/reports/describe.js';
import { durationsOf, phasesOf } from '../../src/core/reports/phases.js';
import { REPORT_VERSION, type Person, type ReportEvent, type ReportHeader, type ReportSource } from '../../src/core/reports/report.js';
import type { Status } from '../../src/core/incidents/incident.js';
import { isBackdated } from '../../src/core/timeline/events.js';

const at = (iso: string) => new Date(iso);

/** The note whose text tests escaping in every format. */
export const TRICKY_NOTE = 'Proxy logs: "invoice.pdf", 2 users | <script>alert(1)</script>';

/** One event; summary and backdated are derived unless given. */
export function anEvent(e: Partial<ReportEvent> & Pick<ReportEvent, 'seq' | 'kind' | 'occurredAt'>): ReportEvent {
  const payload = e.payload ?? {};
  const recordedAt = e.recordedAt ?? e.occurredAt;
  const correctsSeq = e.correctsSeq ?? null;
  return {
    actor: 'U0ALICE',
    source: 'slack-command',
    backdated: isBackdated({ occurredAt: e.occurredAt, recordedAt }),
    summary: describeEvent({ kind: e.kind, payload, correctsSeq }),
    ...e,
    payload,
    recordedAt,
    correctsSeq,
  };
}

const run = { runId: 1, playbookId: 'phishing' };
const step = (n: number, title: string) => ({ ...run, step: n, title });

/** The fixture's events, in occurred order (ties by seq), as a ReportSource promises. */
export function fixtureEvents(): ReportEvent[] {
  return [
    anEvent({ seq: 2, kind: 'note_added', occurredAt: at('2026-11-24T08:40:00Z'), recordedAt: at('2026-11-24T09:05:00Z'), payload: { text: 'First phishing mail opened by finance' } }),
    anEvent({ seq: 1, kind: 'incident_declared', occurredAt: at('2026-11-24T09:00:00Z'), source: 'slack-modal', payload: { title: 'Invoice phishing', description: '', type: 'phishing', severity: 'sev2', private: true, drill: false } }),
    anEvent({ seq: 3, kind: 'role_assigned', occurredAt: at('2026-11-24T09:02:00Z'), payload: { role: 'commander', from: null, to: 'U0BOB' } }),
    anEvent({ seq: 4, kind: 'status_changed', actor: 'U0BOB', occurredAt: at('2026-11-24T09:15:00Z'), payload: { from: 'triage', to: 'investigating' } }),
    anEvent({ seq: 5, kind: 'playbook_started', actor: 'U0BOB', source: 'slack-button', occurredAt: at('2026-11-24T09:15:00Z'), payload: { ...run, title: 'Phishing response', steps: 4 } }),
    anEvent({ seq: 6, kind: 'step_completed', actor: 'U0CAROL', source: 'slack-button', occurredAt: at('2026-11-24T09:30:05Z'), payload: { ...step(1, 'Get the headers'), note: 'Sender spoofed' } }),
    anEvent({ seq: 7, kind: 'note_added', actor: 'U0CAROL', occurredAt: at('2026-11-24T09:45:00Z'), payload: { text: TRICKY_NOTE } }),
    // A correction sits at the time of the event it corrects and is recorded later, as addCorrection does.
    anEvent({ seq: 8, kind: 'correction', actor: 'U0CAROL', occurredAt: at('2026-11-24T09:45:00Z'), recordedAt: at('2026-11-24T10:00:00Z'), correctsSeq: 7, payload: { text: '3 users, not 2' } }),
    anEvent({ seq: 9, kind: 'step_skipped', actor: 'U0BOB', source: 'slack-modal', occurredAt: at('2026-11-24T10:30:00Z'), payload: { ...step(2, 'Find who else got it'), reason: 'Mail gateway already did' } }),
    anEvent({ seq: 10, kind: 'status_changed', actor: 'U0BOB', occurredAt: at('2026-11-24T11:30:00Z'), payload: { from: 'investigating', to: 'contained' } }),
    anEvent({ seq: 11, kind: 'step_completed', actor: 'U0CAROL', source: 'slack-button', occurredAt: at('2026-11-24T12:00:00Z'), payload: step(3, 'Block the sender') }),
    anEvent({ seq: 12, kind: 'status_changed', actor: 'U0BOB', occurredAt: at('2026-11-24T13:00:00Z'), payload: { from: 'contained', to: 'resolved' } }),
    anEvent({ seq: 13, kind: 'status_changed', actor: 'U0BOB', occurredAt: at('2026-11-25T08:00:00Z'), payload: { from: 'resolved', to: 'investigating', note: 'Second wave' } }),
    anEvent({ seq: 14, kind: 'status_changed', actor: 'U0BOB', occurredAt: at('2026-11-25T10:00:00Z'), payload: { from: 'investigating', to: 'resolved' } }),
    anEvent({ seq: 15, kind: 'note_added', occurredAt: at('2026-11-25T11:00:00Z'), payload: { text: 'Check the sender before opening invoices', lesson: true } }),
    anEvent({ seq: 16, kind: 'status_changed', actor: 'U0BOB', occurredAt: at('2026-11-26T09:00:00Z'), payload: { from: 'resolved', to: 'closed' } }),
    anEvent({ seq: 17, kind: 'lesson_promoted', actor: 'U0ADMIN', source: 'cli', occurredAt: at('2026-11-26T10:00:00Z'), payload: { tipId: 'tip-1', title: 'Check the sender before opening invoices' } }),
  ];
}

/** The fixture's header, computed from its events where a real report would be (phases, people, count). */
export function fixtureHeader(events: readonly ReportEvent[] = fixtureEvents()): ReportHeader {
  const declared = at('2026-11-24T09:00:00Z');
  const generatedAt = at('2026-11-27T12:00:00Z');
  const changes = events.filter((e) => e.kind === 'status_changed').map((e) => ({ to: e.payload.to as Status, at: e.occurredAt }));
  const keyTimes = { declared, acknowledged: at('2026-11-24T09:15:00Z'), contained: at('2026-11-24T11:30:00Z'), resolved: at('2026-11-25T10:00:00Z'), closed: at('2026-11-26T09:00:00Z') };
  const roles: Record<string, Person['roles']> = { U0ALICE: ['reporter'], U0BOB: ['commander'], U0DAVE: ['comms'] };
  const counts = new Map<string, number>(Object.keys(roles).map((id) => [id, 0]));
  for (const e of events) counts.set(e.actor, (counts.get(e.actor) ?? 0) + 1);
  return {
    version: REPORT_VERSION,
    generatedAt,
    timezone: 'Europe/Paris',
    incident: {
      ref: 'INC-7',
      number: 7,
      title: 'Invoice phishing',
      description: 'Finance received invoices with a malicious PDF.\nTwo people opened it.',
      type: 'phishing',
      severity: 'sev2',
      status: 'closed',
      private: true,
      drill: false,
      channel: { id: 'C0INC7', name: 'inc-7-invoice-phishing' },
      mergedInto: null,
      reporter: 'U0ALICE',
      commander: 'U0BOB',
      comms: 'U0DAVE',
      scribe: null,
    },
    keyTimes,
    durations: durationsOf(keyTimes),
    phases: phasesOf({ declaredAt: declared }, changes, generatedAt),
    people: [...counts].map(([userId, n]) => ({ userId, roles: roles[userId] ?? [], events: n })),
    playbooks: [
      {
        ...run,
        title: 'Phishing response',
        startedBy: 'U0BOB',
        startedAt: at('2026-11-24T09:15:00Z'),
        done: 2,
        skipped: 1,
        total: 4,
        steps: [
          { number: 1, section: 'Identify', title: 'Get the headers', state: 'done', assignee: 'U0CAROL', changedBy: 'U0CAROL', changedAt: at('2026-11-24T09:30:05Z'), note: 'Sender spoofed' },
          { number: 2, section: 'Identify', title: 'Find who else got it', state: 'skipped', assignee: null, changedBy: 'U0BOB', changedAt: at('2026-11-24T10:30:00Z'), note: 'Mail gateway already did' },
          { number: 3, section: 'Contain', title: 'Block the sender', state: 'done', assignee: null, changedBy: 'U0CAROL', changedAt: at('2026-11-24T12:00:00Z'), note: null },
          { number: 4, section: 'Contain', title: 'Reset exposed passwords', state: 'open', assignee: 'U0DAVE', changedBy: null, changedAt: null, note: null },
        ],
      },
    ],
    review: {
      incidentId: 42,
      version: 2,
      savedBy: 'U0ALICE',
      savedAt: at('2026-11-26T08:30:00Z'),
      ...redactReview(
        { redactPatterns: [] },
        {
          summary: 'A phishing wave hit finance.\nIt came back the next day.',
          impact: 'Three mailboxes exposed.',
          rootCause: 'No DMARC enforcement.',
          wentWell: 'Fast triage.',
          wentWrong: 'The second wave was missed for a night.',
          lessons: 'Check the sender before opening invoices\n- Enforce DMARC\n',
          actionItems: [
            { text: 'Enforce DMARC | p=reject', owner: 'U0BOB', due: '2026-12-15' },
            { text: 'Train finance', owner: null, due: null },
          ],
        },
      ).content,
    },
    reviewVersions: 2,
    awareness: {
      tips: [
        {
          id: 'tip-1',
          title: 'Check the sender before opening invoices',
          createdBy: 'U0ADMIN',
          createdAt: at('2026-11-26T10:00:00Z'),
          posts: [{ channelId: 'C0GENERAL', postedAt: at('2026-11-27T09:00:00Z'), acks: 12, audience: 40 }],
        },
      ],
    },
    eventCount: events.length,
    verification: { ok: true, events: events.length, unhashed: 0 },
  };
}

/** The fixture as a ReportSource; overrides replace header fields, incident fields or the events. */
export function aReportSource(
  overrides: { header?: Partial<ReportHeader>; incident?: Partial<ReportHeader['incident']>; events?: ReportEvent[] } = {},
): ReportSource {
  const events = overrides.events ?? fixtureEvents();
  const base = fixtureHeader(events);
  const header = { ...base, ...overrides.header, incident: { ...base.incident, ...overrides.incident } };
  return {
    header,
    events: async function* () {
      yield* events;
    },
  };
}

/** n events generated on demand, one a second from the declaration, cycling through a few kinds. */
export function* manyEvents(n: number, start = at('2026-11-24T09:00:00Z')): Generator<ReportEvent> {
  for (let seq = 1; seq <= n; seq++) {
    const occurredAt = new Date(start.getTime() + seq * 1000);
    if (seq % 3 === 0) yield anEvent({ seq, kind: 'status_changed', occurredAt, payload: { from: 'triage', to: 'investigating' } });
    else yield anEvent({ seq, kind: 'note_added', actor: `U${seq % 7}`, occurredAt, payload: { text: `Note number ${seq}, with a comma` } });
  }
}

/** A source over manyEvents(n) that counts what it produced, per pass, so tests can see it was read lazily. */
export function aLargeSource(n: number): { source: ReportSource; produced: () => number; passes: () => number } {
  let produced = 0;
  let passes = 0;
  const header = { ...fixtureHeader([]), eventCount: n };
  const source: ReportSource = {
    header,
    events: async function* () {
      passes += 1;
      produced = 0;
      for (const e of manyEvents(n)) {
        produced += 1;
        yield e;
      }
    },
  };
  return { source, produced: () => produced, passes: () => passes };
}

/** A rendered report as one string. */
export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}
