import { describe, expect, it } from 'vitest';
import { ephemeralsFor, useTestBot } from '../support/slack.js';

const bot = useTestBot();

describe('/incident declare through the real Bolt app', () => {
  it('creates the incident, a private channel, invites the reporter, announces without details, and confirms', async () => {
    const reply = await bot.incident('declare Suspicious login on the press office mailbox --sev2 --type account-compromise --private', bot.staff);
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/INC-1\* is recorded/);
    const { incident, events } = await bot.rampart.core.timeline({ id: 'cli', source: 'cli' }, 'INC-1');
    expect(incident).toMatchObject({ title: 'Suspicious login on the press office mailbox', severity: 'sev2', type: 'account-compromise', private: true });
    const channel = bot.emu.channelById(incident.channelId!);
    expect(channel).toMatchObject({ name: 'inc-1', is_private: true });
    expect(channel!.members).toContain(bot.staff.id);
    const announcement = bot.emu.messages(bot.incidents.id).at(-1)!;
    expect(announcement.text).toContain('INC-1');
    expect(announcement.text).toContain('SEV2');
    expect(JSON.stringify(announcement)).not.toContain('press office');
    expect(ephemeralsFor(bot, bot.staff).at(-1)).toMatch(new RegExp(`INC-1\\* is declared .*<#${channel!.id}>`));
    expect(events.map((e) => e.kind)).toEqual(['incident_declared', 'channel_created', 'members_invited']);
  });

  it('announces a public incident with its title in a channel named after it', async () => {
    await bot.incident('declare Website defaced --sev1 --type defacement --public');
    const { incident } = await bot.rampart.core.show({ id: 'cli', source: 'cli' }, 'inc-1');
    expect(incident.private).toBe(false);
    expect(bot.emu.channelById(incident.channelId!)?.name).toBe('inc-1-website-defaced');
    expect(bot.emu.messages(bot.incidents.id).at(-1)!.text).toContain('Website defaced');
  });

  it('keeps words such as public and drill in the title: a private, real incident, announced without its title (issue 13)', async () => {
    const reply = await bot.incident('declare Candidate medical records are now public', bot.staff);
    expect(reply.text).toContain('Title: Candidate medical records are now public · SEV3 · type other · private · a real incident (not a drill).');
    await bot.incident('declare Fire door left open during the evacuation drill');
    const first = (await bot.rampart.core.show({ id: 'cli', source: 'cli' }, 'INC-1')).incident;
    const second = (await bot.rampart.core.show({ id: 'cli', source: 'cli' }, 'INC-2')).incident;
    expect(first).toMatchObject({ title: 'Candidate medical records are now public', private: true, drill: false });
    expect(second).toMatchObject({ title: 'Fire door left open during the evacuation drill', private: true, drill: false });
    expect(bot.emu.channelById(first.channelId!)?.name).toBe('inc-1');
    expect(JSON.stringify(bot.emu.messages(bot.incidents.id))).not.toMatch(/medical records|evacuation/);
  });

  it('reads flags anywhere and says what it understood', async () => {
    const reply = await bot.incident('declare --public Tabletop: invoice phishing --drill --type=phishing --sev2');
    expect(reply.text).toContain('Title: Tabletop: invoice phishing · SEV2 · type phishing · public · a drill.');
    expect(reply.text).toContain('`/incident edit INC-1 …` corrects it');
    const { incident } = await bot.rampart.core.show({ id: 'cli', source: 'cli' }, 'INC-1');
    expect(incident).toMatchObject({ title: 'Tabletop: invoice phishing', severity: 'sev2', type: 'phishing', private: false, drill: true });
  });

  it('keeps the incident and records the failure when Slack cannot create the channel', async () => {
    bot.emu.injectFault({ method: 'conversations.create', kind: 'slack_error', error: 'restricted_action' });
    await bot.incident('declare Lost laptop --type lost-device');
    const { incident, events } = await bot.rampart.core.timeline({ id: 'cli', source: 'cli' }, 'INC-1');
    expect(incident.channelId).toBeNull();
    expect(events.at(-1)).toMatchObject({ kind: 'slack_call_failed', payload: { action: 'creating the incident channel', error: 'restricted_action' } });
    expect(ephemeralsFor(bot, bot.lead).at(-1)).toMatch(/saved, but in Slack: creating the incident channel failed \(restricted_action\)/);
  });

  it('answers bad input with a specific ephemeral reply and stores nothing', async () => {
    const cases: [string, RegExp][] = [
      ['declare --sev2', /needs a title/],
      ['declare Odd thing --type alien', /Known types: phishing/],
      ['declare Odd thing --urgent', /I don't know the flag `--urgent`\. Flags: `--private`, `--public`, `--drill`/],
      [`declare ${'x'.repeat(5000)}`, /5000 characters/],
      ['declare Look <!channel> now', /group mention/],
      ['frobnicate', /I don't know `\/incident frobnicate`/],
      ['status INC-9 investigating', /no incident INC-9/],
    ];
    for (const [text, expected] of cases) {
      const reply = await bot.incident(text);
      expect(reply.status).toBe(200);
      expect(reply.text).toMatch(expected);
    }
    expect(await bot.rampart.core.list({ id: 'cli', source: 'cli' }, 'all')).toEqual([]);
    expect(bot.emu.callsTo('conversations.create')).toHaveLength(0);
  });
});
