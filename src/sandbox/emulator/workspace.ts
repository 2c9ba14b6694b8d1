// The emulated workspace: users, channels, messages and the activity feed. Web API methods and the driver
// both mutate it through these functions, so every change a person would see is emitted in one place.
import type { EmuActivity, EmuCall, EmuChannel, EmuMessage, EmuUser } from './types.js';
import { BOT_USER_ID, BOT_USER_NAME, MAX_MESSAGE_TEXT } from './constants.js';
import { Sessions } from './sessions.js';

/** A channel plus the fields Slack reports but the public EmuChannel leaves out. */
export interface ChannelRecord extends EmuChannel {
  is_im: boolean;
  /** Set by conversations.archive: posts and invites are refused (is_archived) until it is unarchived. */
  is_archived?: boolean;
  creator: string;
  topicSet: { creator: string; last_set: number };
  purposeSet: { creator: string; last_set: number };
}

/** A user group (S…). */
export interface UsergroupRecord {
  id: string;
  handle: string;
  users: string[];
}

/** What a new message needs; the workspace assigns ts and defaults. */
export type NewMessage = Pick<EmuMessage, 'channel' | 'user' | 'text' | 'via'> &
  Partial<Pick<EmuMessage, 'blocks' | 'metadata' | 'thread_ts' | 'visible_to' | 'ephemeral' | 'files'>>;

/** Mutable state of one emulated workspace. */
export class Workspace {
  readonly users = new Map<string, EmuUser>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly usergroups = new Map<string, UsergroupRecord>();
  readonly calls: EmuCall[] = [];
  readonly sessions: Sessions;
  readonly botUser: EmuUser = { id: BOT_USER_ID, name: BOT_USER_NAME, real_name: 'Rampart', is_bot: true };
  /** Base URL of the emulator's HTTP server (set once it listens), for response_url and upload URLs. */
  baseUrl = '';
  private readonly messagesByChannel = new Map<string, EmuMessage[]>();
  private readonly listeners = new Set<(a: EmuActivity) => void>();
  private readonly changeListeners = new Set<() => void>();
  private idCounter = 0;
  private tsCounter = 0;
  private lastTsSeconds = 0;

  constructor(readonly now: () => number) {
    this.users.set(this.botUser.id, this.botUser);
    this.sessions = new Sessions(now, (prefix) => this.nextId(prefix));
  }

  /**
   * Back to a fresh workspace: only the bot user, no channels, groups, messages, calls or sessions. The id and ts
   * counters keep counting, so a bot reused across tests never meets an old test's user or channel id again (its
   * caches are keyed by them). Activity and change subscribers stay: they belong to whoever subscribed.
   */
  reset(): void {
    this.users.clear();
    this.users.set(this.botUser.id, this.botUser);
    this.channels.clear();
    this.usergroups.clear();
    this.calls.length = 0;
    this.messagesByChannel.clear();
    this.lastTsSeconds = 0;
    this.sessions.reset();
    this.changed();
  }

  /** Current emulator time in unix seconds. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** A fresh id like 'C00000007': a prefix and a workspace-wide counter, so ids never collide across kinds. */
  nextId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}${this.idCounter.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /**
   * A message ts: clock seconds plus a 6-digit counter. Seconds never go backwards (even if an injected
   * clock does) and the counter always grows, so ts values are unique and sort in posting order.
   */
  nextTs(): string {
    this.lastTsSeconds = Math.max(this.lastTsSeconds, this.nowSeconds());
    this.tsCounter = (this.tsCounter + 1) % 1_000_000;
    return `${this.lastTsSeconds}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  /** Tell every subscriber about something a person would see. */
  emit(activity: EmuActivity): void {
    for (const listener of this.listeners) listener(activity);
    this.changed();
  }

  /** Note that state may have changed (every activity and every Web API call), for waitFor. */
  changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  /** Subscribe to changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Subscribe to activity; returns the unsubscribe function. */
  subscribe(listener: (a: EmuActivity) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The user with this handle, created on first use. */
  user(name: string): EmuUser {
    const handle = name.replace(/^@/, '');
    const found = [...this.users.values()].find((u) => u.name === handle);
    if (found) return found;
    const realName = handle.charAt(0).toUpperCase() + handle.slice(1);
    const created: EmuUser = { id: this.nextId('U'), name: handle, real_name: realName, is_bot: false };
    this.users.set(created.id, created);
    return created;
  }

  /**
   * Re-creates a user from an earlier run under the same id (the sandbox keeps its people across restarts, so the
   * reporters and role holders the bot stored keep their access), moving the id counter past it.
   */
  restoreUser(id: string, name: string): EmuUser {
    const existing = this.users.get(id);
    if (existing) return existing;
    this.bumpIdCounter(id);
    const restored: EmuUser = { id, name, real_name: name.charAt(0).toUpperCase() + name.slice(1), is_bot: false };
    this.users.set(id, restored);
    return restored;
  }

  /** The user with this id. */
  userById(id: string): EmuUser | undefined {
    return this.users.get(id);
  }

  /** A user given by id or handle; an unknown id is an error rather than a new user named like an id. */
  resolveUser(idOrName: string): EmuUser {
    const byId = this.users.get(idOrName);
    if (byId) return byId;
    if (/^[UW][A-Z0-9]{4,}$/.test(idOrName)) throw new Error(`Unknown user id ${idOrName}`);
    return this.user(idOrName);
  }

  /** The channel with this name, created on first use (public, the bot a member unless told otherwise). */
  channel(name: string, opts: { is_private?: boolean; botMember?: boolean } = {}): ChannelRecord {
    const existing = this.channelByName(name);
    if (existing) return existing;
    const members = opts.botMember === false ? [] : [this.botUser.id];
    return this.createChannel(name.replace(/^#/, ''), opts.is_private ?? false, this.botUser.id, members);
  }

  /** Create a channel record and announce it. */
  createChannel(name: string, isPrivate: boolean, creator: string, members: string[]): ChannelRecord {
    const ch = this.storeChannel(this.nextId('C'), name, isPrivate, false, creator, members);
    this.emit({ kind: 'channel_created', channel: ch });
    return ch;
  }

  /**
   * Re-creates a channel from an earlier run under its old id (the sandbox restores incident channels this way),
   * moving the id counter past it so new ids never clash with restored ones.
   */
  restoreChannel(id: string, name: string, isPrivate: boolean, members: string[]): ChannelRecord {
    const existing = this.channelById(id);
    if (existing) return existing;
    this.bumpIdCounter(id);
    return this.storeChannel(id, name, isPrivate, false, this.botUser.id, [this.botUser.id, ...members.filter((m) => m !== this.botUser.id)]);
  }

  // Ids restored from an earlier run were made by the same counter; new ids start after the highest of them.
  private bumpIdCounter(id: string): void {
    const n = parseInt(id.slice(1), 36);
    if (Number.isFinite(n)) this.idCounter = Math.max(this.idCounter, n);
  }

  /** The direct-message channel between the bot and a user, opened on first use like conversations.open. */
  imWith(userId: string): ChannelRecord {
    const found = [...this.channels.values()].find((c) => c.is_im && c.members.includes(userId));
    return found ?? this.storeChannel(this.nextId('D'), userId, true, true, this.botUser.id, [this.botUser.id, userId]);
  }

  private storeChannel(id: string, name: string, isPrivate: boolean, isIm: boolean, creator: string, members: string[]): ChannelRecord {
    const unset = { creator: '', last_set: 0 };
    const ch: ChannelRecord = {
      id,
      name,
      is_private: isPrivate,
      members: [...members],
      topic: '',
      purpose: '',
      created: this.nowSeconds(),
      is_im: isIm,
      creator,
      topicSet: { ...unset },
      purposeSet: { ...unset },
    };
    this.channels.set(ch.id, ch);
    this.messagesByChannel.set(ch.id, []);
    return ch;
  }

  /** The channel with this id. */
  channelById(id: string): ChannelRecord | undefined {
    return this.channels.get(id);
  }

  /** The non-IM channel with this name ('#' optional). */
  channelByName(name: string): ChannelRecord | undefined {
    const bare = name.replace(/^#/, '');
    return [...this.channels.values()].find((c) => !c.is_im && c.name === bare);
  }

  /** A channel given by id or name; throws when there is none (driver inputs are programmer errors). */
  resolveChannel(idOrName: string): ChannelRecord {
    const ch = this.channelById(idOrName) ?? this.channelByName(idOrName);
    if (!ch) throw new Error(`Unknown channel ${idOrName}`);
    return ch;
  }

  /** Add a member and announce it; a no-op when already a member. */
  addMember(ch: ChannelRecord, userId: string): void {
    if (ch.members.includes(userId)) return;
    ch.members.push(userId);
    const user = this.users.get(userId);
    if (user) this.emit({ kind: 'member_joined', channel: ch, user });
  }

  /** Store a message, assign its ts and announce it. Text past Slack's limit is truncated as Slack does. */
  addMessage(input: NewMessage): EmuMessage {
    const message: EmuMessage = {
      ...input,
      text: input.text.slice(0, MAX_MESSAGE_TEXT),
      ts: this.nextTs(),
      ephemeral: input.ephemeral ?? false,
      reactions: [],
      pinned: false,
    };
    this.channelMessages(input.channel).push(message);
    this.emit({ kind: 'message', message });
    return message;
  }

  /** The message with this ts in a channel. */
  findMessage(channelId: string, ts: string): EmuMessage | undefined {
    return this.messagesByChannel.get(channelId)?.find((m) => m.ts === ts);
  }

  /** Change a stored message in place and announce the change. */
  updateMessage(message: EmuMessage, changes: Partial<EmuMessage>): EmuMessage {
    Object.assign(message, changes);
    if (changes.text !== undefined) message.text = changes.text.slice(0, MAX_MESSAGE_TEXT);
    this.emit({ kind: 'message_updated', message });
    return message;
  }

  /** Remove a message; the activity carries a copy marked deleted so a transcript can strike it out. */
  deleteMessage(message: EmuMessage): void {
    const list = this.channelMessages(message.channel);
    const index = list.indexOf(message);
    if (index >= 0) list.splice(index, 1);
    this.emit({ kind: 'message_updated', message: { ...message, deleted: true } });
  }

  /** Messages of a channel, oldest first (a copy of the list, the same message objects). */
  messages(channelId: string): EmuMessage[] {
    return [...(this.messagesByChannel.get(channelId) ?? [])];
  }

  /** Every message in every channel, oldest first. */
  allMessages(): EmuMessage[] {
    return [...this.messagesByChannel.values()].flat().sort((a, b) => compareTs(a.ts, b.ts));
  }

  private channelMessages(channelId: string): EmuMessage[] {
    let list = this.messagesByChannel.get(channelId);
    if (!list) {
      list = [];
      this.messagesByChannel.set(channelId, list);
    }
    return list;
  }
}

/** Order two Slack ts strings numerically ('10.5' after '9.7'). */
export function compareTs(a: string, b: string): number {
  const [as = '0', af = '0'] = a.split('.');
  const [bs = '0', bf = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}
