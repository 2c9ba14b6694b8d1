// Every message and modal builder, fed hostile text in every field a person, a playbook or a file supplies: no `<`,
// `>` or `&` from the input reaches a mrkdwn field (or a message's text fallback, which Slack parses as mrkdwn too)
// unescaped, so a title can never become a link, a mention or an @channel. Our own tokens (mentions of the ids we
// pass, channel links, dates) are the only markup left.
import { followupListMessage, reassignModal, reminderMessage } from '../../../src/slack/blocks/followups.js';
import { clockListMessage, clockReminderMessage } from '../../../src/slack/blocks/clocks.js';
import { describe, expect, it } from 'vitest';
import { safe } from '../../support/safe-text.js';
import type { Incident } from '../../../src/core/incidents/incident.js';
import { runOf, type Run } from '../../../src/core/playbooks/run.js';
import type { Playbook } from '../../../src/core/playbooks/playbook.js';
import { computeStats } from '../../../src/core/metrics/stats.js';
import { AppError } from '../../../src/shared/errors.js';
import type { Digest } from '../../../src/core/digest/digest.js';
import type { Tip } from '../../../src/core/awareness/tip.js';
import { announcement, incidentDetails, incidentList } from '../../../src/slack/blocks/incident.js';
import { incidentCard } from '../../../src/slack/blocks/card.js';
import type { IncidentCard } from '../../../src/core/incidents/card.js';
import { checklistMessages, stepBlocks } from '../../../src/slack/blocks/checklist.js';
import { assignModal, detailsModal, doneModal, skipModal } from '../../../src/slack/blocks/step-modals.js';
import { playbookList, suggestionBlocks, taskList } from '../../../src/slack/blocks/playbooks.js';
import { awarenessMessage } from '../../../src/slack/blocks/awareness.js';
import { awarenessHelp, statsMessage as awarenessStats, statusMessage, tipPreview } from '../../../src/slack/blocks/awareness-admin.js';
import { decoyHelp, decoyList, furtherHitMessage, registeredMessage, retiredMessage } from '../../../src/slack/blocks/decoy.js';
import { digestMessage } from '../../../src/slack/blocks/digest.js';
import { helpMessage } from '../../../src/slack/blocks/help.js';
import { promoteModal } from '../../../src/slack/blocks/promote-modal.js';
import { reviewModal, reviewPrompt } from '../../../src/slack/blocks/review-modal.js';
import { statsMessage } from '../../../src/slack/blocks/stats.js';
import { timelineMessage } from '../../../src/slack/blocks/timeline.js';
import { md, plain } from '../../../src/slack/blocks/mrkdwn.js';
import { changeMessage } from '../../../src/slack/outbox/render.js';
import { planMessage } from '../../../src/slack/blocks/oob.js';
import { userMessageFor } from '../../../src/slack/errors.js';
import { replyFor } from '../../../src/slack/listeners/actions/step-buttons.js';
import { anEvent, fixtureHeader } from '../../support/report-fixture.js';
import { aPlaybook } from '../../support/playbooks.js';
import { createLogger } from '../../../src/log.js';

/** A disguised link, a mention, a broadcast, a channel, an entity and Slack's formatting characters. */
const HOSTILE = '<https://evil.example.net/login|https://sso.ourcompany.org/verify> <@U123> <!channel> <#C999> &amp; `tick` *star* _under_ ~strike~ > quoted';
const HOSTILE_ESCAPED = '&lt;https://evil.example.net/login|https://sso.ourcompany.org/verify&gt; &lt;@U123&gt; &lt;!channel&gt; &lt;#C999&gt; &amp;amp;';

// Ids we pass on purpose start with U0OK / C0OK; those are the only mentions and channel links allowed to survive.
const ALLOWED_TOKEN = /^<(?:@U0OK[A-Z0-9]*|#C0OK[A-Z0-9]*|!date\^\d+\^\{date_short_pretty\} \{time\}\|[^<>|]+|https:\/\/rampart\.example\.org\/d\/[A-Za-z0-9_-]+)>$/;

const now = new Date('2026-11-24T12:00:00Z');
const incident = (o: Partial<Incident> = {}): Incident => ({
  id: 1, number: 3, ref: 'INC-3', title: HOSTILE, description: HOSTILE, type: HOSTILE, severity: 'sev2', status: 'investigating', private: false, drill: true,
  reporterId: 'U0OKREP', commanderId: 'U0OKCMD', commsId: null, scribeId: null, channelId: 'C0OKINC', channelName: 'inc-3', mergedIntoId: null,
  declaredAt: new Date(0), acknowledgedAt: new Date(1000), containedAt: null, resolvedAt: null, closedAt: null, updatedAt: new Date(0), ...o,
});

const playbook: Playbook = aPlaybook({
  id: 'hostile', title: HOSTILE, summary: HOSTILE, credit: HOSTILE,
  sections: [
    { name: HOSTILE, phase: 'identify', steps: [{ title: HOSTILE, details: `${HOSTILE}\n\n`.repeat(20), owner: HOSTILE, branches: [{ when: HOSTILE, then: HOSTILE }] }] },
    { name: 'Two', phase: 'contain', steps: [{ title: HOSTILE, owner: 'commander' }, { title: HOSTILE, requires: 'note' }] },
  ],
});

function aRun(): Run {
  return runOf({ id: 7, incidentId: 1, playbook, startedBy: 'U0OKCMD', startedAt: now }, [
    { number: 1, state: 'open', assignee: null, dueAt: now, changedBy: null, changedAt: null, note: null, version: 1 },
    { number: 2, state: 'done', assignee: null, dueAt: null, changedBy: 'U0OKX', changedAt: now, note: safe(HOSTILE), version: 2 },
    { number: 3, state: 'skipped', assignee: null, dueAt: null, changedBy: 'U0OKX', changedAt: now, note: safe(HOSTILE), version: 2 },
  ]);
}

const tip: Tip = { id: 'hostile-tip', title: HOSTILE, body: HOSTILE, do: HOSTILE, dont: HOSTILE, topics: [] };
const meta = { runId: 7, step: 1, seenVersion: 1 };
const digest: Digest = {
  from: new Date('2026-11-16T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z'), timezone: 'UTC',
  open: [{ ref: 'INC-3', severity: 'sev2', status: 'triage', drill: false, commanderId: 'U0OKCMD', redacted: false, title: HOSTILE, type: HOSTILE, daysOpen: 2 }],
  changes: [{ kind: 'merged', at: now, incident: { ref: 'INC-4', severity: 'sev3', status: 'merged', drill: false, commanderId: null, redacted: false, title: HOSTILE, type: HOSTILE }, mergedInto: 'INC-3' }],
  figures: { declared: 1, resolved: 0, closed: 0, declined: 0, acknowledge: { count: 0, medianMs: null }, resolve: { count: 0, medianMs: null }, drills: 0 },
  followups: [{ ref: 'INC-3', redacted: false, text: HOSTILE, owner: 'U0OKOWN', due: '2026-11-20', overdue: true }],
};
const listed = { name: HOSTILE, kind: 'url' as const, note: HOSTILE, createdBy: 'U0OKADM', createdAt: now, hits: 2, lastHit: now };
const decoy = { id: 1, name: safe(HOSTILE), kind: 'url' as const, token: 'tok', note: safe(HOSTILE), createdBy: 'U0OKADM', createdAt: now, retiredAt: null, retiredBy: null };
const events = [anEvent({ seq: 1, kind: 'note_added', actor: 'U0OKA', occurredAt: now, payload: { text: HOSTILE } }), anEvent({ seq: 2, kind: 'note_added', actor: 'U0OKB', occurredAt: now, payload: { text: HOSTILE } })];
const silent = createLogger('silent');
/** A card with nothing but the incident. */
const cardOf = (i: Incident): IncidentCard => ({ incident: i, runs: [], tasks: [], openTasks: 0, reviewVersions: 0, deadlines: [] });

/** Each builder with hostile input, and whether its output shows that input (a private announcement does not). */
const BUILDERS: { name: string; build: () => unknown; shows?: boolean }[] = [
  { name: 'announcement (public)', build: () => announcement(incident()) },
  { name: 'announcement (private)', build: () => announcement(incident({ private: true })), shows: false },
  { name: 'incidentCard', build: () => incidentCard(cardOf(incident()), [playbook]) },
  { name: 'incidentCard (a run, tasks, deadlines)', build: () => incidentCard({ ...cardOf(incident()), runs: [{ id: 1, playbookId: 'phishing', title: safe(HOSTILE), done: 1, skipped: 0, total: 3 }], tasks: [{ runId: 1, step: 2, title: safe(HOSTILE), assignee: null, dueAt: now }], openTasks: 2, deadlines: [{ label: HOSTILE, at: now }] }) },
  { name: 'incidentDetails', build: () => incidentDetails({ redacted: false, incident: incident() }) },
  { name: 'incidentList', build: () => incidentList([{ redacted: false, incident: incident() }, { redacted: false, incident: incident({ drill: false }) }], 'all') },
  { name: 'helpMessage', build: () => helpMessage([HOSTILE]) },
  { name: 'checklistMessages', build: () => checklistMessages(incident(), aRun(), now) },
  { name: 'stepBlocks (closed)', build: () => stepBlocks(incident(), 7, aRun().steps[1]!, now) },
  { name: 'detailsModal', build: () => detailsModal(incident(), aRun(), aRun().steps[0]!, meta) },
  { name: 'detailsModal (closed step)', build: () => detailsModal(incident(), aRun(), aRun().steps[2]!, meta) },
  { name: 'skipModal', build: () => skipModal(aRun().steps[0]!, meta) },
  { name: 'assignModal', build: () => assignModal(aRun().steps[0]!, meta) },
  { name: 'doneModal', build: () => doneModal(aRun().steps[0]!, meta) },
  { name: 'playbookList', build: () => playbookList([playbook], () => true) },
  { name: 'suggestionBlocks', build: () => suggestionBlocks(incident(), [playbook]) },
  { name: 'taskList', build: () => taskList([{ incident: incident(), run: aRun(), step: aRun().steps[0]!, mine: true }], incident(), now) },
  { name: 'awarenessMessage', build: () => awarenessMessage(tip, 'slot') },
  { name: 'tipPreview', build: () => tipPreview(tip, HOSTILE) },
  { name: 'awarenessHelp', build: () => awarenessHelp(), shows: false },
  {
    name: 'awareness statusMessage',
    build: () =>
      statusMessage({
        schedule: { name: 'weekly', cron: '0 9 * * 1', timezone: 'UTC' }, channels: ['C0OKAW'], paused: false, next: now, queue: [HOSTILE],
        recent: [{ schedule: 'weekly', slotAt: now, state: 'failed', tipId: HOSTILE, reason: HOSTILE, posts: [] }],
      } as never),
  },
  { name: 'awareness statsMessage', build: () => awarenessStats({ rows: [{ week: '2026-W47', channelId: 'C0OKAW', tipId: HOSTILE, acks: 1, audience: 3, rate: 0.3 }], byChannel: [{ channelId: 'C0OKAW', acks: 1, audience: 3, rate: 0.3 }] }, 12) },
  { name: 'decoyHelp', build: () => decoyHelp(), shows: false },
  { name: 'registeredMessage', build: () => registeredMessage({ decoy }, 'https://rampart.example.org/d/tok') },
  { name: 'decoyList', build: () => decoyList([listed]) },
  { name: 'retiredMessage', build: () => retiredMessage(decoy) },
  { name: 'furtherHitMessage', build: () => furtherHitMessage(HOSTILE) },
  { name: 'digestMessage', build: () => digestMessage(digest, 'slot') },
  { name: 'promoteModal', build: () => promoteModal('INC-3', [HOSTILE, HOSTILE]) },
  { name: 'reviewModal', build: () => reviewModal({ incident: { ref: 'INC-3', title: HOSTILE, drill: true }, latest: null, metadata: { ref: 'INC-3' } }) },
  { name: 'reviewPrompt', build: () => reviewPrompt(plain(HOSTILE), 'INC-3', plain(HOSTILE)) },
  { name: 'stats statsMessage', build: () => statsMessage(computeStats([{ number: 1, type: HOSTILE, severity: 'sev2', status: 'resolved', drill: false, declaredAt: now, acknowledgedAt: null, containedAt: null, resolvedAt: null }], '30d', now, 'UTC'), plain(HOSTILE)) },
  { name: 'timelineMessage', build: () => timelineMessage(fixtureHeader(events), { events, total: 2, keyOnly: false, keyOmitted: 0 }) },
  { name: 'changeMessage (status)', build: () => changeMessage({ ref: 'INC-3', drill: true, by: 'U0OKB', offerReview: true, change: { kind: 'status', from: 'resolved', to: 'merged', mergedInto: 'INC-1', note: HOSTILE } }) },
  { name: 'planMessage', build: () => planMessage({ ref: 'INC-1', drill: false, by: 'U0OKB', reason: safe(HOSTILE) }, { backup_channels: [{ name: HOSTILE, how: HOSTILE }], notes: HOSTILE } as never) },
  {
    name: 'step reply (a skipped step’s note quoted by core)',
    build: () => replyFor({ changed: false, stale: true, step: { ...aRun().steps[2]!, changedBy: 'U0OKX' }, message: `Step 3 was skipped by <@U0OKX> (${HOSTILE}); reopen it first.` }).reply,
  },
  {
    name: 'followupListMessage',
    build: () =>
      followupListMessage({ scope: 'open', followups: [{ id: 1, ref: 'INC-3', incidentNumber: 3, redacted: false, text: HOSTILE, owner: 'U0OKOWN', due: '2026-11-20', state: 'open' }] }, '2026-11-24'),
  },
  { name: 'reminderMessage', build: () => reminderMessage({ userId: 'U0OKOWN', day: '2026-11-24', items: [{ id: 1, ref: 'INC-3', text: HOSTILE, due: '2026-11-20' }] }) },
  { name: 'reassignModal', build: () => reassignModal({ text: HOSTILE, owner: 'U0OKOWN' }, 'INC-3', { id: 1 }) },
  {
    name: 'clockListMessage',
    build: () => {
      const at = new Date('2026-11-24T10:00:00Z');
      const deadline = { deadline: 'authority', label: HOSTILE, dueAt: at, notifiedAt: at, notifiedTo: safe(HOSTILE), reference: safe(HOSTILE), status: 'met' as const };
      const clock = { redacted: false as const, ref: 'INC-3', incidentNumber: 3, id: 1, regime: 'gdpr', regimeName: HOSTILE, state: 'stopped' as const, awareAt: at, why: HOSTILE, backdateReason: HOSTILE, stopReason: HOSTILE };
      return clockListMessage({ clocks: [{ ...clock, deadlines: [deadline, { ...deadline, status: 'overdue', notifiedAt: null }] }] }, at);
    },
  },
  {
    name: 'clockReminderMessage',
    build: () => clockReminderMessage({ ref: 'INC-3', drill: false, userId: 'U0OKOWN', regime: 'gdpr', regimeName: HOSTILE, deadline: 'authority', label: HOSTILE, dueAt: '2026-11-24T10:00:00Z', overdue: true }, new Date('2026-11-24T12:00:00Z')),
  },
  { name: 'userMessageFor (AppError)', build: () => ({ text: userMessageFor(new AppError('invalid_input', HOSTILE), silent).text }) },
];

/** Every string Slack reads as mrkdwn: `mrkdwn` text objects, and a message's `text` fallback. */
function mrkdwnFields(value: unknown, path = '$', out: { path: string; text: string }[] = []): { path: string; text: string }[] {
  if (Array.isArray(value)) value.forEach((v, i) => mrkdwnFields(v, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push({ path, text: o.text });
    // A message's top-level text; a modal has none, and plain_text objects are shown as typed.
    if (path === '$' && typeof o.text === 'string') out.push({ path: `${path}.text`, text: o.text });
    for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') mrkdwnFields(v, `${path}.${k}`, out);
  }
  return out;
}

describe('every block builder escapes hostile text', () => {
  it.each(BUILDERS)('$name', ({ build, shows = true }) => {
    const fields = mrkdwnFields(build());
    expect(fields.length).toBeGreaterThan(0);
    for (const { path, text } of fields) {
      for (const token of text.match(/<[^>]*>?/g) ?? []) expect(token, `${path}: ${text}`).toMatch(ALLOWED_TOKEN);
      expect(text, path).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(text, path).not.toMatch(/(?<!&lt;)@U123|(?<!&lt;)!channel/);
    }
    const all = fields.map((f) => f.text).join('\n');
    if (shows) expect(all).toContain(HOSTILE_ESCAPED);
    else expect(all).not.toContain('evil.example.net');
  });

  it('keeps the incident card’s placeholder, which Slack would otherwise read as a link', () => {
    const fields = mrkdwnFields(incidentCard(cardOf(incident({ description: '' })))).map((f) => f.text);
    expect(fields.join('\n')).toContain('`/incident note &lt;text&gt;`');
  });

  it('md escapes its literal parts and plain strings, and passes Mrkdwn through once', () => {
    const inner = md`*${'a<b'}*`;
    expect(md`${inner} & ${'<!here>'} ${3}`.text).toBe('*a&lt;b* &amp; &lt;!here&gt; 3');
  });
});
