// `/incident search` through the real Bolt app and the Slack emulator: hits newest first with the reference and an
// escaped excerpt, a private incident's matches only for those who may see it, and text that is no query syntax.
import { describe, expect, it } from 'vitest';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { ephemeralMessagesFor } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot();
const lastEphemeral = (user: EmuUser) => ephemeralMessagesFor(bot, user).at(-1)!;

describe('/incident search', () => {
  it('lists matches newest first, escaped; an outsider gets nothing from a private incident', async () => {
    await bot.incident('declare Phishing <mail> to finance --public --sev3');
    await bot.incident('note INC-1 Finance & payroll warned: do not open <invoice.pdf>');
    await bot.incident('declare Odd sign-in for the finance director --private --sev2');
    await bot.incident('note INC-2 Sign-in from Lagos at 03:12');

    await bot.incident('search finance');
    const found = lastEphemeral(bot.lead);
    expect(found.text).toBe(':mag: 3 found for “finance”, newest first');
    const blocks = JSON.stringify(found.blocks);
    expect(blocks.indexOf('*INC-2* · title or description')).toBeLessThan(blocks.indexOf('*INC-1* · title or description'));
    expect(blocks).toContain('Finance &amp; payroll warned: do not open &lt;invoice.pdf&gt;');
    expect(blocks).toContain('*INC-1* · note #');
    expect(blocks).not.toContain('<invoice.pdf>');

    await bot.incident('search finance', bot.staff);
    const outside = lastEphemeral(bot.staff);
    expect(outside.text).toBe(':mag: 2 found for “finance”, newest first');
    expect(JSON.stringify(outside)).not.toMatch(/INC-2|director/);
    await bot.incident('search lagos', bot.staff);
    expect(lastEphemeral(bot.staff).text).toBe(':mag: Nothing found for “lagos” in the incidents you may see.');
    await bot.incident('search lagos');
    expect(lastEphemeral(bot.lead).text).toBe(':mag: 1 found for “lagos”, newest first');
  });

  it('takes any text as words, and says what to type when there is none', async () => {
    await bot.incident('declare Phishing mail --public --sev3');
    for (const text of ['"phishing', 'a & b | (c', '-- --public', '<@U0ALICE>', '*bold* _it_']) {
      const reply = await bot.incident(`search ${text}`);
      expect(reply.status, text).toBe(200);
      expect(lastEphemeral(bot.lead).text, text).toMatch(/^:mag: /);
    }
    await bot.incident('search    ');
    expect(lastEphemeral(bot.lead).text).toContain('`/incident search lagos sign-in`');
  });
});
