// What the Slack client does to `@name` as you type: it becomes a mention. A slash command whose manifest entry has
// should_escape (all of ours, see manifest.json) receives `<@U…|name>`; a message's text holds `<@U…>`. `@here`,
// `@channel` and `@everyone` become Slack's special mentions. Words such as mail addresses (a@b.c) stay as typed.
import type { EmuUser } from './emulator/types.js';

/** Where the text goes: a slash command's text (escaped with the name) or a message. */
export type MentionTarget = 'slash' | 'message';

const SPECIAL = new Set(['here', 'channel', 'everyone']);
// An @ at the start or after a character that cannot end a word or an address; the handle may hold . _ - inside.
const MENTION = /(^|[^\w@<|/.])@([a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)/gi;

/** The text with each `@name` turned into Slack's mention escape; `user` finds (or creates) the person. */
export function escapeMentions(text: string, target: MentionTarget, user: (name: string) => EmuUser): string {
  return text.replace(MENTION, (_whole, before: string, name: string) => {
    const handle = name.toLowerCase();
    if (SPECIAL.has(handle)) return `${before}<!${handle}>`;
    const u = user(handle);
    return `${before}${target === 'slash' ? `<@${u.id}|${u.name}>` : `<@${u.id}>`}`;
  });
}
