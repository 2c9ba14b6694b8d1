// Short-lived interaction state: trigger_ids, response_urls, modal stacks and pending file uploads.
// Kept apart from channels and messages because each has its own expiry or use-count rule.
import { randomBytes } from 'node:crypto';
import type { EmuFile, EmuView } from './types.js';
import { RESPONSE_URL_MAX_POSTS, RESPONSE_URL_TTL_MS, TRIGGER_TTL_MS } from './constants.js';

/** A modal plus the stack links Slack keeps (root and previous view) and the external id. */
export interface ViewRecord extends EmuView {
  rootId: string;
  previousId: string | null;
  externalId: string;
}

/** Where a response_url posts to: the channel, the user who acted, and the message a button sat on. */
export interface ResponseUrlRecord {
  id: string;
  channel: string;
  user: string;
  sourceTs?: string;
  posts: number;
  createdAt: number;
}

/** Outcome of redeeming a trigger_id (Slack's error codes for views.open and views.push). */
export type TriggerCheck = { ok: true; user: string } | { ok: false; error: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' };

interface TriggerRecord {
  user: string;
  issuedAt: number;
  used: boolean;
}

/** Trigger ids, response urls, views and files of one workspace. */
export class Sessions {
  readonly views: ViewRecord[] = [];
  /** Each user's published Home tab (views.publish), by user id; kept apart from modals, which stack and close. */
  readonly homes = new Map<string, ViewRecord>();
  readonly files = new Map<string, EmuFile>();
  private readonly triggers = new Map<string, TriggerRecord>();
  private readonly responseUrls = new Map<string, ResponseUrlRecord>();
  private triggerCounter = 0;

  constructor(
    private readonly now: () => number,
    private readonly nextId: (prefix: string) => string,
  ) {}

  /** Forgets every trigger, response_url, modal and file: what a fresh workspace has (SlackEmulator.reset). */
  reset(): void {
    this.views.length = 0;
    this.homes.clear();
    this.files.clear();
    this.triggers.clear();
    this.responseUrls.clear();
    this.triggerCounter = 0;
  }

  /** Issue a trigger_id for an interaction by this user; shaped like Slack's '123.456.hex'. */
  issueTrigger(user: string): string {
    this.triggerCounter += 1;
    const id = `${this.triggerCounter}.${Math.floor(this.now() / 1000)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { user, issuedAt: this.now(), used: false });
    return id;
  }

  /** Redeem a trigger_id once, within 3 seconds of issue (emulator clock). */
  redeemTrigger(id: string): TriggerCheck {
    const trigger = this.triggers.get(id);
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { ok: false, error: 'expired_trigger_id' };
    trigger.used = true;
    return { ok: true, user: trigger.user };
  }

  /** Register a response_url target; returns its id (the URL is {base}/_response/<id>). */
  createResponseUrl(target: { channel: string; user: string; sourceTs?: string }): string {
    const id = randomBytes(12).toString('hex');
    this.responseUrls.set(id, { id, ...target, posts: 0, createdAt: this.now() });
    return id;
  }

  /** Count one post to a response_url; Slack allows 5 within 30 minutes. */
  useResponseUrl(id: string): { ok: true; record: ResponseUrlRecord } | { ok: false; error: string } {
    const record = this.responseUrls.get(id);
    if (!record) return { ok: false, error: 'invalid_url' };
    if (this.now() - record.createdAt > RESPONSE_URL_TTL_MS) return { ok: false, error: 'expired_url' };
    if (record.posts >= RESPONSE_URL_MAX_POSTS) return { ok: false, error: 'used_url' };
    record.posts += 1;
    return { ok: true, record };
  }

  /** Open a modal for a user; with a previous view it is pushed onto that view's stack. */
  addView(user: string, view: Record<string, unknown>, previous?: ViewRecord): ViewRecord {
    const id = this.nextId('V');
    const record: ViewRecord = {
      id,
      user,
      view,
      hash: this.newHash(),
      closed: false,
      rootId: previous ? previous.rootId : id,
      previousId: previous ? previous.id : null,
      externalId: typeof view.external_id === 'string' ? view.external_id : '',
    };
    this.views.push(record);
    return record;
  }

  /** Replace a view's content in place (same id, new hash), as views.update and response_action 'update' do. */
  replaceView(record: ViewRecord, view: Record<string, unknown>): ViewRecord {
    record.view = view;
    record.hash = this.newHash();
    record.errors = undefined;
    if (typeof view.external_id === 'string') record.externalId = view.external_id;
    return record;
  }

  /** Publishes a user's Home tab: the first publish makes the view, later ones replace it in place (same id, new hash). */
  publishHome(user: string, view: Record<string, unknown>): ViewRecord {
    const existing = this.homes.get(user);
    if (existing) return this.replaceView(existing, view);
    const id = this.nextId('V');
    const record: ViewRecord = { id, user, view, hash: this.newHash(), closed: false, rootId: id, previousId: null, externalId: typeof view.external_id === 'string' ? view.external_id : '' };
    this.homes.set(user, record);
    return record;
  }

  /** Find a view by id or external_id. */
  findView(ref: { viewId?: string; externalId?: string }): ViewRecord | undefined {
    if (ref.viewId) return this.views.find((v) => v.id === ref.viewId);
    if (ref.externalId) return this.views.find((v) => v.externalId === ref.externalId);
    return undefined;
  }

  /** The most recent open view shown to a user (the top of their stack). */
  openViewOf(user: string): ViewRecord | undefined {
    return [...this.views].reverse().find((v) => v.user === user && !v.closed);
  }

  /** Close every view in the stack this view belongs to (response_action 'clear', or the user closing). */
  closeStack(record: ViewRecord): void {
    for (const v of this.views) if (v.rootId === record.rootId) v.closed = true;
  }

  /** Reserve a file id for an upload announced by files.getUploadURLExternal. */
  reserveFile(name: string, length: number, created: number): EmuFile {
    const file: EmuFile = { id: this.nextId('F'), name, title: name, length, completed: false, channels: [], created };
    this.files.set(file.id, file);
    return file;
  }

  // Slack's view hashes look like '1596530361.3wRYuk3R': a time and a random tag.
  private newHash(): string {
    return `${Math.floor(this.now() / 1000)}.${randomBytes(6).toString('base64url')}`;
  }
}
