// Secrets posted to Rampart through Slack are stored redacted, and the person who posted them is told, privately,
// to rotate them: through the real Bolt app and the Slack emulator.
import { beforeEach, describe, expect, it } from 'vitest';
import { allEvents, channelOf, timelineOf } from '../support/slack-state.js';
import { ephemeralsFor, useTestBot } from '../support/slack.js';

const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const TOKEN = 'xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const WARNING = ':warning: I removed an AWS access key from what you posted before storing it. Treat it as exposed: rotate it now.';

const bot = useTestBot();
beforeEach(async () => {
  await bot.incident('declare Access key pushed to a public repo --sev2 --type data-leak');
});

describe('redaction in Slack', () => {
  it('stores a note with an AWS key redacted and tells the poster to rotate it', async () => {
    const reply = await bot.incident(`note INC-1 the key was ${AWS_KEY}, found in the CI logs`);
    expect(reply.text).toBe(`:memo: Added to the *INC-1* timeline as event #4.\n${WARNING}`);
    const note = (await timelineOf(bot)).events.at(-1)!;
    expect(note.payload).toEqual({ text: 'the key was [redacted: aws-access-key], found in the CI logs', redacted: ['aws-access-key'] });
    expect(JSON.stringify(await allEvents(bot))).not.toContain(AWS_KEY);
  });

  it('tells the author of a 📌-copied message, ephemerally in the channel, after storing it redacted', async () => {
    const channel = await channelOf(bot);
    const message = bot.emu.postAsUser(bot.lead.id, channel.id, `bot token for the test: ${TOKEN}`);
    const reply = await bot.emu.react({ user: bot.staff.id, channel: channel.id, ts: message.ts, name: 'pushpin' });
    expect(reply.status).toBe(200);
    const copy = (await timelineOf(bot)).events.find((e) => e.kind === 'message_pinned')!;
    expect(copy.payload).toMatchObject({ text: 'bot token for the test: [redacted: slack-token]', redacted: ['slack-token'] });
    await bot.rampart.idle();
    const warned = bot.emu.allMessages().filter((m) => m.ephemeral && m.visible_to === bot.lead.id && m.text.includes('rotate'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ channel: channel.id, text: ':warning: I removed a Slack token from what you posted before storing it. Treat it as exposed: rotate it now.' });
    // Only the author is told.
    expect(ephemeralsFor(bot, bot.staff).some((t) => t.includes('rotate'))).toBe(false);
  });

  it('tells whoever reports a message holding a secret, once they submit the form, with the kinds found', async () => {
    const message = bot.emu.postAsUser(bot.lead.id, bot.general.id, `is this ok? ${TOKEN} and ${AWS_KEY}`);
    await bot.emu.messageShortcut({ user: bot.staff.id, channel: bot.general.id, ts: message.ts, callbackId: 'report_message' });
    await bot.rampart.idle();
    // The form already shows the message redacted, so what is submitted holds no secret for the declaration to find.
    expect(JSON.stringify(bot.emu.openView(bot.staff.id)!.view)).not.toContain(TOKEN);
    expect(ephemeralsFor(bot, bot.staff).some((t) => t.includes('rotate'))).toBe(false);
    await bot.emu.submitView({ user: bot.staff.id, values: { Type: 'phishing', Severity: 'sev3' } });
    await bot.rampart.idle();
    const told = ephemeralsFor(bot, bot.staff).filter((t) => t.includes('rotate'));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(
      ':warning: I removed a Slack token and an AWS access key from the message you reported before storing it. Treat them as exposed: rotate them now (with its owner, if that is not you).',
    );
  });
});
