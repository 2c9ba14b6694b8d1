// Every message the bot sends is built here: its `text` is the notification and accessibility fallback, which Slack
// parses as mrkdwn too (so it is Mrkdwn) and truncates past 40,000 characters (so it is bounded, and cut visibly).
import { clipMd, type Mrkdwn } from './mrkdwn.js';
import type { Block } from './block-kit.js';

/** Slack truncates a message's text at this many characters. */
export const MAX_TEXT = 40_000;
/** With blocks, the text is only the notification: kept to a section's length. */
export const MAX_FALLBACK = 3_000;

declare const built: unique symbol;

/** A message body built by `message`: its text escaped and bounded. */
export type SlackMessage = { readonly text: string; readonly blocks?: Block[]; readonly [built]: true };

/** A message from its mrkdwn text, its blocks if any, and extra fields (metadata). */
export function message(text: Mrkdwn): SlackMessage;
export function message<E extends object = object>(text: Mrkdwn, blocks: readonly Block[], extra?: E): SlackMessage & { readonly blocks: Block[] } & E;
export function message<E extends object = object>(text: Mrkdwn, blocks?: readonly Block[], extra?: E): SlackMessage & E {
  const max = blocks ? MAX_FALLBACK : MAX_TEXT;
  return { text: clipMd(text, max).text, ...(blocks ? { blocks: [...blocks] } : {}), ...(extra ?? ({} as E)) } as unknown as SlackMessage & E;
}
