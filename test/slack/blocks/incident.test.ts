import { describe, expect, it } from 'vitest';
import { announcement, incidentList } from '../../../src/slack/blocks/incident.js';
import type { Incident } from '../../../src/core/incidents/incident.js';

const anIncident = (o: Partial<Incident> = {}): Incident => ({
  id: 1, number: 1, ref: 'INC-1', title: 'Press office mailbox', description: 'secret details', type: 'phishing', severity: 'sev2',
  status: 'triage', private: true, drill: false, reporterId: 'U1', commanderId: 'U2', commsId: null, scribeId: null, channelId: 'C1',
  channelName: 'inc-1', mergedIntoId: null, declaredAt: new Date(0), acknowledgedAt: null, containedAt: null, resolvedAt: null,
  closedAt: null, updatedAt: new Date(0), ...o,
});

describe('incident blocks', () => {
  // Issue 15: the announcement is kept up to date, and a private one shows its status rather than its commander.
  it('a private announcement shows reference, severity and status only', () => {
    const text = JSON.stringify(announcement(anIncident({ status: 'contained' })));
    expect(text).toContain('INC-1');
    expect(text).toContain('SEV2');
    expect(text).toContain('status: contained');
    expect(text).not.toMatch(/Press office|secret details|phishing|C1|<@U2>/);
    expect(JSON.stringify(announcement(anIncident({ private: false })))).toContain('Press office');
  });

  it('a long list stays within Slack limits and says what it left out', () => {
    const items = Array.from({ length: 2000 }, (_, k) =>
      ({ redacted: false, incident: anIncident({ number: k + 1, ref: `INC-${k + 1}`, title: 'x'.repeat(150) }) }),
    );
    const { blocks } = incidentList(items, 'all');
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks as unknown as { text?: { text: string }; elements?: { text: string }[] }[]) {
      const t = b.text?.text ?? b.elements![0]!.text;
      expect(t.length).toBeLessThanOrEqual(3000);
    }
    expect(JSON.stringify(blocks.at(-1))).toMatch(/Showing the newest \d+; use `rampart incidents` for all/);
  });
});
