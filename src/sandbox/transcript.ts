// The transcript: everything the emulator shows a person (messages, edits, modals, new channels) printed as
// readable lines. Formatting is a pure function of the activity; the printer only subscribes and writes.
import type { EmuActivity, EmuMessage, EmuView, SlackEmulatorApi } from './emulator/types.js';
import { mrkdwnToText, renderBlocks, type NameLookup } from './render.js';
import { renderModal } from './modal.js';

/** What formatting needs to know: names, and who sits at the terminal (for "only visible to you"). */
export interface TranscriptContext {
  names: NameLookup;
  /** The user id the person at the terminal is acting as. */
  viewerId: string;
  /** What the person has typed into a modal but not yet had accepted, shown in place of initial values. */
  pending?: (viewId: string) => Record<string, string> | undefined;
}

/** Where a message lives, as a bracketed tag: `[#incidents]`, `[#incidents › thread]`, `[DM @alice]`. */
export function channelTag(message: Pick<EmuMessage, 'channel' | 'ts' | 'thread_ts'>, names: NameLookup): string {
  const where = message.channel.startsWith('D')
    ? `DM @${names.user(names.channel(message.channel) ?? '') ?? names.channel(message.channel) ?? message.channel}`
    : `#${names.channel(message.channel) ?? message.channel}`;
  const inThread = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  return `[${where}${inThread ? ' › thread' : ''}]`;
}

/** A message as lines: a tagged first line, then its blocks (or text) indented beneath. */
export function formatMessage(m: EmuMessage, ctx: TranscriptContext, change?: 'updated' | 'deleted'): string[] {
  const who = ctx.names.user(m.user) ?? m.user;
  const visibility = m.ephemeral ? (m.visible_to === ctx.viewerId || m.visible_to === undefined ? ' (only visible to you)' : ` (only visible to @${ctx.names.user(m.visible_to) ?? m.visible_to})`) : '';
  const head = `${channelTag(m, ctx.names)}${visibility} ${who}${change ? ` (${change})` : ''}:`;
  if (change === 'deleted') return [`${head} [message deleted]`];
  const fromBlocks = m.blocks?.length ? renderBlocks(m.blocks, ctx.names) : [];
  const body = fromBlocks.some((l) => l.trim() !== '') ? fromBlocks : mrkdwnToText(m.text, ctx.names).split('\n');
  for (const f of m.files ?? []) body.push(`[file: ${f.title || f.name}]`);
  const [first = '', ...rest] = body.filter((l, i) => l.trim() !== '' || i > 0);
  return [`${head} ${first}`, ...rest.map((l) => `    ${l}`)];
}

/** Activity as transcript lines (empty when there is nothing to show). */
export function formatActivity(a: EmuActivity, ctx: TranscriptContext): string[] {
  switch (a.kind) {
    case 'message':
      return formatMessage(a.message, ctx);
    case 'message_updated':
      return formatMessage(a.message, ctx, a.message.deleted ? 'deleted' : 'updated');
    case 'view_opened':
    case 'view_updated':
    case 'view_pushed':
      return formatView(a.view, ctx, a.kind === 'view_opened' ? undefined : a.kind === 'view_updated' ? 'updated' : 'pushed');
    case 'home_published':
      // Shown by the `home` line, which opens the tab; a refresh in the background is not something a person sees.
      return [];
    case 'channel_created':
      return [`· #${a.channel.name} was created${a.channel.is_private ? ' (private)' : ''}`];
    case 'member_joined':
      return [`· @${a.user.name} joined #${a.channel.name}`];
    case 'api_error': {
      const error = typeof a.call.response.error === 'string' ? a.call.response.error : `HTTP ${a.call.status}`;
      // A late answer is not a Web API call: Slack would have shown the user a timeout.
      if (a.call.method === 'ack') return [`! the bot took more than 3 seconds to answer; Slack would show: ${error}`];
      return [`! the bot's call to ${a.call.method} failed: ${error}`];
    }
  }
}

/** A modal as a framed block, with the bot's validation errors and the values typed so far. */
export function formatView(v: EmuView, ctx: TranscriptContext, change?: 'updated' | 'pushed'): string[] {
  const forUser = v.user === ctx.viewerId ? undefined : (ctx.names.user(v.user) ?? v.user);
  const errors = v.errors && Object.keys(v.errors).length ? v.errors : undefined;
  const pending = ctx.pending?.(v.id);
  const lines = renderModal(v.view, ctx.names, { ...(pending ? { pending } : {}), ...(errors ? { errors } : {}), ...(forUser ? { forUser } : {}) });
  const label = errors ? 'not accepted, see ⚠' : change;
  if (label) lines[0] = lines[0]!.replace('┌─ Modal:', `┌─ Modal (${label}):`);
  return lines;
}

/** A Home tab as a framed block, read as the person it was published to sees it. */
export function formatHome(v: EmuView, ctx: TranscriptContext): string[] {
  const who = ctx.names.user(v.user) ?? v.user;
  const body = renderBlocks(Array.isArray(v.view.blocks) ? v.view.blocks : [], ctx.names);
  return [`┌─ Home tab of @${who}`, ...body.map((l) => `│ ${l}`), '└─'];
}

/** Names from the emulator's workspace; DMs resolve to the other member's id so they print as `DM @name`. */
export function emulatorNames(emu: SlackEmulatorApi): NameLookup {
  return {
    user: (id) => emu.userById(id)?.name,
    channel: (id) => {
      const ch = emu.channelById(id);
      if (!ch) return undefined;
      return id.startsWith('D') ? ch.members.find((m) => m !== emu.botUser.id) : ch.name;
    },
  };
}

/** What was last shown of a message, so an update that changes nothing visible is not printed again. */
interface Shown {
  body: string;
  reactions: Set<string>;
  pinned: boolean;
}

const reactionKeys = (m: EmuMessage): Set<string> => new Set(m.reactions.flatMap((r) => r.users.map((u) => `${r.name} ${u}`)));

/** Prints emulator activity to a stream as it happens; `write` prints the sandbox's own lines in the same order. */
export class TranscriptPrinter {
  private readonly shown = new Map<string, Shown>();
  private unsubscribe: (() => void) | undefined;
  private pending: TranscriptContext['pending'];

  constructor(
    private readonly emu: SlackEmulatorApi,
    private readonly out: NodeJS.WritableStream,
    private readonly viewerId: () => string,
  ) {}

  /** Where typed-but-unsubmitted modal values come from (the session). */
  showPendingFrom(pending: TranscriptContext['pending']): void {
    this.pending = pending;
  }

  /** The formatting context for the current viewer. */
  context(): TranscriptContext {
    return { names: emulatorNames(this.emu), viewerId: this.viewerId(), ...(this.pending ? { pending: this.pending } : {}) };
  }

  /** Start printing activity. */
  start(): void {
    this.unsubscribe = this.emu.onActivity((a) => {
      if (a.kind === 'message') this.printMessage(a.message);
      else if (a.kind === 'message_updated') this.printUpdate(a.message);
      else this.write(formatActivity(a, this.context()));
    });
  }

  /** Stop printing activity. */
  stop(): void {
    this.unsubscribe?.();
  }

  /** Print a message unless the activity feed already did (a user's own `say`, for instance). */
  ensureMessage(m: EmuMessage): void {
    if (!this.shown.has(`${m.channel}/${m.ts}`)) this.printMessage(m);
  }

  /** Print lines of the sandbox's own. */
  write(lines: readonly string[]): void {
    for (const l of lines) this.out.write(`${l}\n`);
  }

  private printMessage(m: EmuMessage): void {
    const lines = formatMessage(m, this.context());
    this.shown.set(`${m.channel}/${m.ts}`, { body: lines.join('\n'), reactions: reactionKeys(m), pinned: m.pinned });
    this.write(lines);
  }

  // Reactions and pins arrive as message updates; they print as one short line, not the whole message again.
  private printUpdate(m: EmuMessage): void {
    const key = `${m.channel}/${m.ts}`;
    const before = this.shown.get(key);
    const ctx = this.context();
    const body = formatMessage(m, ctx).join('\n');
    const names = ctx.names;
    const where = channelTag(m, names);
    const author = names.user(m.user) ?? m.user;
    const now = reactionKeys(m);
    for (const r of now) {
      if (before?.reactions.has(r)) continue;
      const [name = '', user = ''] = r.split(' ');
      this.write([`· ${where} @${names.user(user) ?? user} reacted :${name}: to @${author}'s message`]);
    }
    if (m.pinned && before && !before.pinned) this.write([`· ${where} @${author}'s message was pinned`]);
    if (m.deleted || !before || before.body !== body) this.write(formatMessage(m, ctx, m.deleted ? 'deleted' : 'updated'));
    this.shown.set(key, { body, reactions: now, pinned: m.pinned });
  }
}
