// The one way to build a message: its text fallback is escaped mrkdwn, bounded (Slack truncates at 40,000
// characters), and cut without splitting an entity, a mention or an emoji.
import { describe, expect, it } from 'vitest';
import { MAX_FALLBACK, MAX_TEXT, message } from '../../../src/slack/blocks/message.js';
import { clipMd, joinMd, md, mention } from '../../../src/slack/blocks/mrkdwn.js';
import { section } from '../../../src/slack/blocks/text.js';

describe('message', () => {
  it('bounds a text-only message at Slack’s 40,000 characters and a notification fallback at 3,000', () => {
    const long = md`${'<x> & 😀 '.repeat(20_000)}`;
    const alone = message(long);
    expect(alone.text.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(alone.text.endsWith('… (truncated)')).toBe(true);
    const withBlocks = message(long, [section(long)]);
    expect(withBlocks.text.length).toBeLessThanOrEqual(MAX_FALLBACK);
    expect((withBlocks.blocks[0] as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(3000);
  });

  it('never cuts inside an entity, a mention or a surrogate pair', () => {
    for (let max = 20; max < 60; max += 1) {
      const text = joinMd([md`${'&&'.repeat(10)}`, mention('U0ABCDEFGH'), md`${'😀'.repeat(10)}`], ' ');
      const clipped = clipMd(text, max).text.replace('… (truncated)', '');
      expect(text.text.startsWith(clipped)).toBe(true);
      expect(clipped).not.toMatch(/&[a-z]*$|<[^>]*$|[\uD800-\uDBFF]$/);
    }
  });
});
