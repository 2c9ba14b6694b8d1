// The Slack emulator as its own process for a round: Rampart's Web API calls (channel set-up, announcements) are
// answered here, not in the suite's process, where they would delay autocannon's clock and inflate the latencies it
// measures. Prints one JSON line (where it listens, the people and channels made), then serves until SIGTERM.
// Run by bench/suite/rounds.ts with SIGNING_SECRET and BOT_TOKEN in its environment.
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';

const emu = await SlackEmulator.start({ signingSecret: process.env.SIGNING_SECRET!, botToken: process.env.BOT_TOKEN! });
const lead = emu.user('lead');
const general = emu.channel('general', { botMember: true });
general.members.push(lead.id);
const incidents = emu.channel('incidents', { botMember: true });
process.stdout.write(`${JSON.stringify({ apiUrl: emu.apiUrl, appId: emu.appId, baseUrl: emu.baseUrl, lead, general, incidents })}\n`);
process.once('SIGTERM', () => {
  void emu.close().finally(() => process.exit(0));
});
