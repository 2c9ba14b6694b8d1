// Declare storm benchmark (issue 17): the real Bolt app on Postgres, driven by the Slack emulator with Slack's rate-limit
// tiers on, takes N `/incident declare` slash commands (signed HTTP requests) at a fixed concurrency. It reports the ack
// p50/p99/max (real time, from sending a command to Slack getting the answer), the time until every channel is set up
// and every announcement posted, and the 429s Rampart provoked, by method (the emulator's call log).
// Slack's limits run on the emulator's clock, which the bot shares: every wait the bot makes (pacing, Retry-After)
// moves that clock instead of sleeping, so minutes of Slack time pass in seconds. "Slack time" is that clock.
// Run: `npm run bench -- declare-storm`, or `node --import tsx bench/declare-storm.ts --declares 50 --concurrency 10`.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startRampart } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Actor } from '../src/core/index.js';
import { openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/log.js';
import { SlackEmulator } from '../src/sandbox/emulator/emulator.js';
import { quantile, scratchPostgres } from './support.js';

const { values } = parseArgs({ options: { declares: { type: 'string', default: '50' }, concurrency: { type: 'string', default: '10' } } });
const total = Number(values.declares);
const concurrency = Number(values.concurrency);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// One clock for Slack and the bot, moved only by the bot's waits (pacing, Retry-After, drain): each wait is queued with
// its wake-up time and the earliest is woken a moment (2 ms real) later, the clock set to its time. Waits made side by
// side so overlap, as in real time, instead of adding up. Work between waits takes no Slack time.
let now = Date.now();
const sleepers: { at: number; wake: () => void }[] = [];
let ticking = false;
function tick(): void {
  sleepers.sort((a, b) => a.at - b.at);
  now = Math.max(now, sleepers[0]!.at);
  while (sleepers.length > 0 && sleepers[0]!.at <= now) sleepers.shift()!.wake();
  ticking = sleepers.length > 0;
  if (ticking) setTimeout(tick, 2);
}
const sleep = (ms: number) =>
  new Promise<void>((wake) => {
    sleepers.push({ at: now + ms, wake });
    if (!ticking) {
      ticking = true;
      setTimeout(tick, 2);
    }
  });

const { target, cleanup } = await scratchPostgres(serverUrl, 'rampart_pacing_storm');
const database = await openDatabase({ ...target, max: 10 });
const CLI: Actor = { id: 'cli', source: 'cli' };
const signingSecret = randomBytes(16).toString('hex');
const emu = await SlackEmulator.start({ signingSecret, botToken: 'xoxb-bench', now: () => now, rateLimits: true });
const lead = emu.user('lead');
const general = emu.channel('general');
const incidents = emu.channel('incidents');
general.members.push(lead.id);
const config = loadConfig({
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_API_URL: emu.apiUrl,
  SLACK_APP_ID: emu.appId,
  PORT: '0',
  HOST: '127.0.0.1',
  INCIDENT_CHANNEL: incidents.id,
  RESPONDERS: lead.id,
  LOG_LEVEL: 'silent',
});
const rampart = await startRampart(config, { database, logger: createLogger('silent'), scheduler: false, sleep, clock: { now: () => new Date(now) } });
emu.setBotUrl(`${rampart.url}/slack/events`);

const acks: number[] = [];
const startedSlack = now;
const startedReal = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      const reply = await emu.slashCommand({ user: lead.id, channel: general.id, command: '/incident', text: `declare Storm ${i + 1} --sev3` });
      acks.push(performance.now() - t0);
      if (reply.status !== 200) throw new Error(`declare ${i + 1}: HTTP ${reply.status}`);
    }
  }),
);
await rampart.idle();
await rampart.outbox.drain();
const slackSeconds = (now - startedSlack) / 1000;
const realSeconds = (performance.now() - startedReal) / 1000;

// Every incident has its channel and its announcement, exactly once.
let complete = 0;
for (let n = 1; n <= total; n++) {
  const { incident } = await rampart.core.show(CLI, `INC-${n}`);
  const announced = emu.messages(incidents.id).filter((m) => !m.ephemeral && new RegExp(`\\bINC-${n}\\b`).test(m.text)).length;
  if (incident.channelId && emu.channelById(incident.channelId) && announced === 1) complete += 1;
}
// When the last channel was made and the last announcement posted, on Slack's clock.
const lastOk = (method: string, where?: string) =>
  Math.max(...emu.callsTo(method).filter((c) => c.response.ok === true && (!where || c.params.channel === where)).map((c) => c.at));
const setUpSeconds = (lastOk('conversations.create') - startedSlack) / 1000;
const announcedSeconds = (lastOk('chat.postMessage', incidents.id) - startedSlack) / 1000;
const refused: Record<string, number> = {};
for (const c of emu.calls.filter((call) => call.status === 429)) refused[c.method] = (refused[c.method] ?? 0) + 1;
const refusals = Object.values(refused).reduce((a, b) => a + b, 0);
const byMethod = Object.entries(refused).sort(([, a], [, b]) => b - a).map(([m, n]) => `${m} ${n}`).join(', ') || 'none';

console.log(
  `| declares (concurrency ${concurrency}, rate limits on) | ack p50 | ack p99 | ack max | last channel made | last announcement | outbox empty | real time | Web API calls | 429s | 429s by method |`,
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
const s = (x: number) => `${x.toFixed(0)} s`;
console.log(
  `| ${total} (${complete} complete) | ${quantile(acks, 0.5).toFixed(0)} ms | ${quantile(acks, 0.99).toFixed(0)} ms | ${Math.max(...acks).toFixed(0)} ms | ${s(setUpSeconds)} | ${s(announcedSeconds)} | ${s(slackSeconds)} | ${realSeconds.toFixed(1)} s | ${emu.calls.length} | ${refusals} | ${byMethod} |`,
);
console.log('\nTimes but the ack and "real time" are Slack time (the emulator\'s clock), from the first declare.');
await rampart.stop();
await emu.close();
await database.close();
await cleanup();
if (complete !== total) process.exitCode = 1;
