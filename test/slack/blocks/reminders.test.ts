// The reminder messages, pure: what each says, that people's text is escaped, that a nudge in INCIDENT_CHANNEL names
// no more than the reference, severity and status, and that a long stale list stays within Slack's block limits.
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/core/index.js';
import { commanderNudgeMessage, roleBriefMessage, staleListMessage, updateReminderMessage } from '../../../src/slack/blocks/reminders.js';

const all = (m: { text: string; blocks?: unknown[] }) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;

const incident: Incident = {
  id: 3, number: 3, ref: 'INC-3', title: 'Invoice <!channel> & bank details', description: '', type: 'phishing', severity: 'sev2', status: 'investigating',
  private: true, drill: false, reporterId: 'U0REPORT', commanderId: 'U0LEAD', commsId: null, scribeId: 'U0SCRIBE', channelId: 'C0INC3', channelName: 'inc-3',
  mergedIntoId: null, declaredAt: new Date('2026-12-01T10:00:00Z'), acknowledgedAt: null, containedAt: null, resolvedAt: null, closedAt: null, updatedAt: new Date('2026-12-01T10:00:00Z'),
};

describe('reminder messages', () => {
  it('the update reminder says since when and offers its five buttons; in the channel it says why it is there', () => {
    const dm = updateReminderMessage({ ref: 'INC-3', drill: true, severity: 'sev1', status: 'triage', since: '2026-12-01T10:00:00.000Z', userId: 'U0LEAD' });
    expect(dm.text).toMatch(/^:construction: \*DRILL\* · :alarm_clock: \*INC-3\* \(SEV1, triage\) has had no update since <!date\^1796119200/);
    expect(dm.text).not.toContain('no commander');
    const buttons = (dm.blocks?.[1] as unknown as { elements: { action_id: string; value: string }[] }).elements;
    expect(buttons.map((b) => b.action_id)).toEqual(['reminder_post_update', 'reminder_snooze_30m', 'reminder_snooze_2h', 'reminder_snooze_tomorrow', 'reminder_stop']);
    expect(new Set(buttons.map((b) => b.value))).toEqual(new Set(['INC-3']));
    expect(updateReminderMessage({ ref: 'INC-3', drill: false, severity: 'sev2', status: 'triage', since: '2026-12-01T10:00:00.000Z' }).text).toContain('has no commander');
  });

  it('the nudge names only the reference, severity and status', () => {
    const nudge = commanderNudgeMessage({ ref: 'INC-3', drill: false, severity: 'sev3', status: 'triage' });
    expect(nudge.text).toContain('*INC-3* (SEV3, triage) has no commander yet');
    expect(all(nudge)).toContain('"action_id":"incident_take_command","value":"INC-3"');
  });

  it('the role brief says what the role does and where the incident stands, with its title escaped', () => {
    const brief = roleBriefMessage({ ref: 'INC-3', drill: false, userId: 'U0NEW', by: 'U0LEAD', given: { kind: 'role', role: 'comms' }, channelId: 'C0INC3' }, incident);
    expect(brief.text).toBe('<@U0LEAD> made you *comms* of *INC-3*. You are invited to its channel: <#C0INC3>. `/incident tasks` lists what is open.');
    expect(all(brief)).toContain('As *comms* you keep everyone outside the response informed');
    expect(all(brief)).toContain('Invoice &lt;!channel&gt; &amp; bank details');
    expect(all(brief)).toContain('Commander: <@U0LEAD> · Comms: _unassigned_ · Scribe: <@U0SCRIBE>');
    const self = roleBriefMessage({ ref: 'INC-3', drill: false, userId: 'U0LEAD', by: 'U0LEAD', given: { kind: 'role', role: 'commander' } }, incident);
    expect(self.text).toBe('You took *commander* of *INC-3*.');
  });

  it('a stale list of 1,500 incidents stays within the blocks Slack allows and says how many more there are', () => {
    const incidents = Array.from({ length: 1500 }, (_, n) => ({ ref: `INC-${n + 1}`, title: `A quiet matter with a longish title number ${n + 1}`, severity: 'sev3', status: 'triage', drill: false, lastActivity: '2026-11-20T10:00:00.000Z' }));
    const list = staleListMessage({ userId: 'U0LEAD', incidents });
    expect(list.text).toContain('1500 of your incidents have had no activity for a week');
    expect(list.blocks?.length).toBeLessThanOrEqual(50);
    expect(all(list)).toMatch(/…and \d+ more: `\/incident list` shows them all/);
    expect(all(staleListMessage({ userId: 'U0LEAD', incidents: incidents.slice(0, 1) }))).toContain('1 of your incidents has had no activity');
  });
});
