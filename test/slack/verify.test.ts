// `/incident verify` through the real Bolt app and the Slack emulator: the caller alone learns whether the
// timeline's hash chain holds.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ephemeralMessagesFor } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot();

const lastEphemeral = () => ephemeralMessagesFor(bot, bot.lead).at(-1)!;

describe('/incident verify', () => {
  it('says the timeline is verified, then catches a row edited behind the app', async () => {
    await bot.incident('declare Credential phishing --sev2 --type phishing');
    await bot.incident('note INC-1 the press officer clicked the link');
    const reply = await bot.incident('verify INC-1');
    expect(reply.status).toBe(200);
    expect(lastEphemeral().text).toMatch(/\*INC-1\*: Timeline verified: \d+ events, hash chain intact\./);

    const db = bot.database.db;
    await db.execute(sql`alter table timeline_events disable trigger user`);
    await db.execute(sql`update timeline_events set actor = 'U0MALLORY' where seq = 1`);
    await db.execute(sql`alter table timeline_events enable trigger user`);
    await bot.incident('verify INC-1');
    expect(lastEphemeral().text).toMatch(/:rotating_light: \*INC-1\*: Timeline verification FAILED at event #1 \(hash\)/);
  });

  it('explains its usage', async () => {
    await bot.incident('verify everything');
    expect(lastEphemeral().text).toContain('/incident verify INC-12');
  });
});
