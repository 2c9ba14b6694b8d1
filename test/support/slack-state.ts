// Reading what the bot stored and what the emulator shows, for end-to-end assertions.
import type { Actor } from '../../src/core/context.js';
import type { TimelineEvent } from '../../src/core/timeline/events.js';
import type { EmuChannel, EmuMessage, EmuUser } from '../../src/sandbox/emulator/types.js';
import type { TestBot } from './slack.js';

/** The local operator: sees every incident, private ones included. */
export const CLI: Actor = { id: 'cli', source: 'cli' };

/** An incident and its timeline, read as the operator. */
export function timelineOf(bot: TestBot, ref = 'INC-1') {
  return bot.rampart.core.timeline(CLI, ref);
}

/** Every timeline event of every incident: what "writes nothing" is checked against. */
export async function allEvents(bot: TestBot): Promise<TimelineEvent[]> {
  const incidents = await bot.rampart.core.list(CLI, 'all');
  const timelines = await Promise.all(incidents.map(({ incident }) => timelineOf(bot, incident.ref)));
  return timelines.flatMap((t) => t.events);
}

/** The Slack channel of an incident, as the emulator knows it. */
export async function channelOf(bot: TestBot, ref = 'INC-1'): Promise<EmuChannel> {
  const { incident } = await bot.rampart.core.show(CLI, ref);
  const channel = incident.channelId ? bot.emu.channelById(incident.channelId) : undefined;
  if (!channel) throw new Error(`${ref} has no channel in the emulator`);
  return channel;
}

/** Ephemeral messages shown to a user, whole (with how they were delivered), newest last. */
export function ephemeralMessagesFor(bot: TestBot, user: EmuUser): EmuMessage[] {
  return bot.emu.allMessages().filter((m) => m.ephemeral && m.visible_to === user.id);
}

/** Messages everyone in a channel sees (the bot's posts and people's messages), oldest first. */
export function publicMessages(bot: TestBot, channel: EmuChannel): EmuMessage[] {
  return bot.emu.messages(channel.id).filter((m) => !m.ephemeral);
}

/** Web API calls the bot made because of requests (Bolt's start-up token check, auth.test, left out). */
export function requestCalls(bot: TestBot) {
  return bot.emu.calls.filter((c) => c.method !== 'auth.test');
}
