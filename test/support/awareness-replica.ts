// One awareness replica as its own process, for the multi-process test: it opens the shared Postgres database, posts
// through the Slack emulator over HTTP like the bot, and runs the programme once at the given time. With --die-at it
// exits abruptly after claiming that slot and before posting it, as a killed replica would.
import { WebClient } from '@slack/web-api';
import { fixedClock } from '../../src/core/clock.js';
import { createAwareness } from '../../src/core/awareness/awareness.js';
import type { AwarenessPoster } from '../../src/core/awareness/deps.js';
import { loadTips } from '../../src/core/awareness/library.js';
import { openDatabase } from '../../src/db/client.js';
import { slackPoster } from '../../src/slack/services/awareness-poster.js';

const [url, apiUrl, replicaId, channels, at, dieAt] = process.argv.slice(2);
const database = await openDatabase({ kind: 'postgres', url: url!, max: 2 });
const clock = fixedClock(at!);
const real = slackPoster(new WebClient('xoxb-test-token', { slackApiUrl: apiUrl!, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }), async () => {});
const poster: AwarenessPoster = {
  findPosted: real.findPosted,
  post: async (channel, tip, key) => {
    if (dieAt && key.endsWith(`@${dieAt}`)) process.exit(3);
    return real.post(channel, tip, key);
  },
};
const awareness = createAwareness({
  db: database.db,
  clock,
  schedule: { name: 'weekly', cron: '0 9 * * 1', timezone: 'Europe/Paris', graceMs: 24 * 3_600_000 },
  channels: channels!.split(','),
  tips: await loadTips(),
  poster,
  redactPatterns: [],
  replicaId: replicaId!,
  leaseMs: 5 * 60_000,
});
await awareness.runDue();
await database.close();
