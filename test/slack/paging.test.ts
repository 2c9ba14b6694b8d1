// End to end: the real bot (Bolt, the Slack emulator, the outgoing worker) pages through a local Events API v2 that
// checks each request against PagerDuty's contract. A sev1 declared in Slack triggers the alert; resolving it resolves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestBot } from '../support/slack.js';
import { startPagerDutyEventsServer, type PagerDutyEventsServer } from '../support/pagerduty-events-server.js';

const ROUTING_KEY = 'R0123456789abcdef0123456789ABCDE';
let pd: PagerDutyEventsServer;
// Before the bot's own beforeAll: its settings name this server.
beforeAll(async () => {
  pd = await startPagerDutyEventsServer();
});
afterAll(() => pd.close());
const bot = useTestBot({ env: () => ({ PAGERDUTY_ROUTING_KEY: ROUTING_KEY, PAGERDUTY_EVENTS_URL: pd.url, PAGERDUTY_SOURCE: 'rampart-e2e' }) });

describe('paging the on-call from Slack', () => {
  it('triggers on a sev1 declared with /incident, escalation pages with the channel link, and resolving resolves', async () => {
    await bot.incident('declare Ransomware on the file servers --sev1 --public --type malware');
    expect(pd.invalid).toEqual([]);
    expect(pd.accepted).toHaveLength(1);
    const [trigger] = pd.accepted;
    expect(trigger).toMatchObject({ routing_key: ROUTING_KEY, event_action: 'trigger', payload: { summary: 'INC-1 SEV1 (triage): Ransomware on the file servers', severity: 'critical', source: 'rampart-e2e' } });
    const { incident } = await bot.rampart.core.show({ id: 'cli', source: 'cli' }, 'INC-1');
    expect(trigger!.dedup_key).toBe(`rampart-e2e:incident:${incident.id}`);

    // A sev3 pages nothing until it is escalated; by then its channel exists and the page links it.
    await bot.incident('declare Odd VPN logins --sev3 --public');
    expect(pd.accepted).toHaveLength(1);
    await bot.incident('severity INC-2 sev1');
    const escalated = pd.accepted.at(-1)!;
    const second = (await bot.rampart.core.show({ id: 'cli', source: 'cli' }, 'INC-2')).incident;
    expect(escalated).toMatchObject({ event_action: 'trigger', dedup_key: `rampart-e2e:incident:${second.id}` });
    expect(escalated.links).toEqual([{ href: `https://slack.com/app_redirect?channel=${second.channelId}`, text: 'Slack channel of INC-2' }]);

    await bot.incident('status INC-1 resolved');
    expect(pd.accepted.at(-1)).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: trigger!.dedup_key });
    expect(pd.invalid).toEqual([]);
  });
});
