// `/incident list|show|help` through the real Bolt app: answers only the caller sees, private incidents redacted for
// people not working on them, and unexpected failures shown as a short reference, never a stack trace.
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../../src/slack/parse/command.js';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { ephemeralMessagesFor } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot();
beforeEach(async () => {
  await bot.incident('declare Website defaced --sev1 --type defacement --public');
  await bot.incident('declare Journalist account taken over --sev2 --type account-compromise');
  await bot.incident('declare Printer spam --sev4 --public');
  await bot.incident('status INC-3 declined not security');
});

/** Runs a command and returns the whole ephemeral answer (text and blocks) the user saw with the ack. */
async function ask(text: string, as: EmuUser = bot.lead) {
  const reply = await bot.incident(text, as);
  expect(reply.status).toBe(200);
  const shown = ephemeralMessagesFor(bot, as).at(-1)!;
  expect(shown).toMatchObject({ ephemeral: true, visible_to: as.id, via: 'ack', text: reply.text });
  // Nobody else saw it.
  expect(bot.emu.allMessages().filter((m) => m.ts === shown.ts && m.channel === shown.channel)).toHaveLength(1);
  return { text: reply.text, all: `${shown.text}\n${JSON.stringify(shown.blocks ?? [])}` };
}

describe('/incident list', () => {
  it('lists open incidents, newest first, with the private one redacted for a non-responder', async () => {
    const lead = await ask('list');
    expect(lead.text).toBe('Open incidents (2)');
    expect(lead.all).toMatch(/INC-2\*.*Journalist account taken over.*_private_[\s\S]*INC-1\*.*Website defaced/);
    expect(lead.all).not.toContain('INC-3');

    const staff = await ask('list', bot.staff);
    expect(staff.all).toContain('*INC-2* · SEV2 · triage · _private_');
    expect(staff.all).not.toContain('Journalist account');
    expect(staff.all).toContain('Website defaced');
  });

  it('`list all` includes closed and declined incidents', async () => {
    const all = await ask('list all');
    expect(all.text).toBe('All incidents (3)');
    expect(all.all).toMatch(/INC-3\*.*declined.*Printer spam/);
  });
});

describe('/incident show', () => {
  it('shows a private incident in full to the lead and only its reference to staff', async () => {
    const lead = await ask('show INC-2');
    expect(lead.all).toContain('Journalist account taken over');
    expect(lead.all).toContain(`*Reporter:* <@${bot.lead.id}>`);

    const staff = await ask('show INC-2', bot.staff);
    expect(staff.text).toBe('*INC-2* · SEV2 · triage · private. Only responders and the people working on it can see more.');
    expect(staff.all).not.toContain('Journalist');
    expect(staff.all).not.toContain('account-compromise');
  });

  it('shows a private incident in full to its reporter even when not a responder', async () => {
    await bot.incident('declare Lost my work phone --type lost-device', bot.staff);
    const staff = await ask('show INC-4', bot.staff);
    expect(staff.all).toContain('Lost my work phone');
  });

  it('answers an unknown reference specifically', async () => {
    expect((await ask('show INC-99')).text).toBe(':warning: There is no incident INC-99. `/incident list all` shows them all.');
  });
});

describe('/incident help', () => {
  it('lists every subcommand', async () => {
    const help = await ask('help');
    for (const sub of SUBCOMMANDS) expect(help.all).toContain(`/incident ${sub}`);
    expect(help.all).toContain('account-compromise');
  });
});

describe('unexpected errors', () => {
  // The file's bot serves the next test: the table comes back (its rows are emptied before that test anyway).
  afterEach(async () => {
    await bot.database.db.execute(sql`alter table if exists incidents_gone rename to incidents`);
  });

  it('answer with a short correlation id and no stack trace or internals', async () => {
    // The database failing under the bot: the incidents table is gone.
    await bot.database.db.execute(sql`alter table incidents rename to incidents_gone`);
    for (const text of ['list', 'show INC-1', 'status INC-1 investigating', 'declare Another one --sev2']) {
      const { all } = await ask(text);
      expect(all).toMatch(/^:x: Something went wrong on our side\..*give your admin this reference: `[0-9a-f]{8}`\.$/m);
      expect(all).not.toMatch(/\n\s+at |Error:|incidents|relation|select |Failed query/i);
    }
  });

  it('give a different reference each time, so each can be found in the logs', async () => {
    await bot.database.db.execute(sql`alter table incidents rename to incidents_gone`);
    const refs = new Set<string>();
    for (let i = 0; i < 3; i += 1) refs.add(/`([0-9a-f]{8})`/.exec((await ask('list')).text)![1]!);
    expect(refs.size).toBe(3);
  });
});
