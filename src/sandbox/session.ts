// One person at the sandbox: who they are, where they are, what they have typed into an open modal, and how each
// command becomes a request to the bot through the emulator. Anything that cannot be carried out is a LineError.
import { formatDuration } from '../core/index.js';
import type { EmuMessage, EmuView, SlackEmulatorApi } from './emulator/types.js';
import { attempt, check, LineError, withTimeout } from './line-errors.js';
import { LINE_FORMS, type AlertLine, type SandboxCommand } from './script.js';
import { matchButton } from './emulator/blocks.js';
import { arrAt, buttonsIn, mrkdwnToText, renderBlocks, strAt } from './render.js';
import { coerceFill, modalFields } from './modal.js';
import { emulatorNames, formatHome, type TranscriptPrinter } from './transcript.js';
import { checkCommand, OPEN_SURFACE, resolveShortcut, type AppSurface } from './app-surface.js';
import { visitPage, visitUrl } from './visit.js';
import { escapeMentions, type MentionTarget } from './mentions.js';
import type { CapturedRefs } from './captured-refs.js';

/** What a scheduled job did with a slot after `wait` (a post shows up in the transcript by itself). */
export type SlotReport = { job: string; kind: string; slotAt: Date };

/** How a session reaches the rest of the sandbox; only `idle` is required (tests pass a fake bot's). */
export interface SessionOptions {
  idle: () => Promise<void>;
  surface?: AppSurface;
  advance?: (ms: number) => void;
  /** Runs the scheduled posts due at the new time after `wait`. */
  afterWait?: () => Promise<SlotReport[]>;
  /** Runs after each line (the sandbox saves its people and clock). */
  afterLine?: () => Promise<void>;
  /** `$inc` and `$run` in lines. */
  refs?: CapturedRefs;
  botUrl?: () => string | undefined;
  /** `alert`: posts to the bot's alert intake and says what it answered (absent: the line fails). */
  alerts?: (line: AlertLine) => Promise<string[]>;
  /** `mail FILE`: delivers the file to the sandbox's report mailbox, runs the intake, and says what it did. */
  mail?: (file: string) => Promise<string[]>;
}

/** Runs sandbox commands as the current user in the current channel. */
export class SandboxSession {
  userName = 'you';
  channelName = 'general';
  // What was typed with `fill`, per open view, until it is submitted or cancelled.
  private readonly pending = new Map<string, Record<string, string>>();
  // Whether the person is looking at the App Home (after `home`, until they go somewhere or act in a channel), so
  // `click` finds the Home tab's buttons before those of messages.
  private onHome = false;

  private readonly idle: () => Promise<void>;
  private readonly advance: (ms: number) => void;
  private readonly surface: AppSurface;
  private readonly botUrl: () => string | undefined;
  private readonly afterWait: () => Promise<SlotReport[]>;
  private readonly afterLine: () => Promise<void>;
  private readonly refs: CapturedRefs | undefined;
  private readonly alerts: ((line: AlertLine) => Promise<string[]>) | undefined;
  private readonly mail: ((file: string) => Promise<string[]>) | undefined;

  constructor(
    private readonly emu: SlackEmulatorApi,
    private readonly printer: TranscriptPrinter,
    opts: SessionOptions,
  ) {
    this.idle = opts.idle;
    this.afterWait = opts.afterWait ?? (() => Promise.resolve([]));
    this.afterLine = opts.afterLine ?? (() => Promise.resolve());
    this.refs = opts.refs;
    this.alerts = opts.alerts;
    this.mail = opts.mail;
    this.botUrl = opts.botUrl ?? (() => undefined);
    this.advance = opts.advance ?? (() => {
      throw new Error('time cannot be moved in this session');
    });
    this.surface = opts.surface ?? OPEN_SURFACE;
    printer.showPendingFrom((viewId) => this.pending.get(viewId));
  }

  /** Makes the current user a member of a public channel, as being "in #general" means in Slack. */
  async join(channelName: string): Promise<void> {
    const ch = this.emu.channel(channelName);
    if (ch.is_private || ch.members.includes(this.userId)) return;
    this.emu.join(this.userId, ch.id);
  }

  /** The current user's id. */
  get userId(): string {
    return this.emu.user(this.userName).id;
  }

  /** The prompt, e.g. `alice in #general> `. */
  prompt(): string {
    return `${this.userName} in #${this.channelName}> `;
  }

  /** The line with the refs this run captured (`$inc`, `$run`) filled in. */
  expand(line: string): string {
    return this.refs ? this.refs.expand(line) : line;
  }

  /** Carries out one command, then waits until the bot's background Slack work is done. */
  async run(cmd: SandboxCommand): Promise<void> {
    await this.join(this.channelName);
    try {
      await this.dispatch(cmd);
      await withTimeout(this.idle(), 'the bot was still busy with background work');
    } finally {
      await this.afterLine();
    }
  }

  private async dispatch(cmd: SandboxCommand): Promise<unknown> {
    const user = this.userId;
    const channel = this.emu.channel(this.channelName).id;
    if (!STAYS_ON_HOME.has(cmd.kind)) this.onHome = false;
    switch (cmd.kind) {
      case 'home':
        return this.openHome();
      case 'slash':
        attempt(() => checkCommand(this.surface, cmd.command));
        return check(this.emu.slashCommand({ user, channel, command: cmd.command, text: this.mentions(cmd.text, 'slash') }), `${cmd.command}`);
      case 'as':
        return this.actAs(cmd.user);
      case 'in':
        return this.goTo(cmd.channel);
      case 'click':
        return this.click(cmd.label, cmd.near);
      case 'react': {
        const m = this.findMessage(cmd.words);
        return check(this.emu.react({ user, channel, ts: m.ts, name: cmd.emoji }), 'the reaction_added event');
      }
      case 'pin':
        return check(this.emu.pin({ user, channel, ts: this.findMessage(cmd.words).ts }), 'the pin_added event');
      case 'say': {
        // Printed when posted, before the bot's answer to the event (a warning about a pasted key) comes.
        const said = this.emu.say({ user, channel, text: this.mentions(cmd.text, 'message') }).then((r) => {
          this.printer.ensureMessage(r.message);
          return r.reply;
        });
        return check(said, 'the message event');
      }
      case 'shortcut': {
        const { callbackId, words } = attempt(() => resolveShortcut(this.surface, cmd.callbackId, cmd.words));
        const m = this.findMessage(words);
        return check(this.emu.messageShortcut({ user, channel, ts: m.ts, callbackId }), `the ${callbackId} shortcut`);
      }
      case 'fill':
        return this.fill(cmd.values);
      case 'submit':
        return this.submit(cmd.values);
      case 'cancel': {
        const view = this.openView();
        this.pending.delete(view.id);
        this.printer.write([`· modal closed`]);
        return check(this.emu.closeView({ user, viewId: view.id }), 'closing the modal');
      }
      case 'wait': {
        this.advance(cmd.ms);
        this.printer.write([`· ${formatDuration(cmd.ms)} later`]);
        // Posted slots show up as messages; the others are said here, since nothing else would show them.
        for (const r of await this.afterWait()) {
          if (r.kind !== 'posted' && r.kind !== 'held-elsewhere') this.printer.write([`· the ${r.job} slot of ${r.slotAt.toISOString()} was ${r.kind}`]);
        }
        return;
      }
      case 'visit':
        return this.visit(cmd.target);
      case 'alert': {
        if (!this.alerts) throw new LineError('this session cannot post alerts');
        this.printer.write(await this.alerts(cmd));
        return;
      }
      case 'mail':
        if (!this.mail) throw new LineError('this session has no report mailbox');
        this.printer.write(await this.mail(cmd.file));
        return;
      case 'help':
        this.printer.write(['You can type:', ...LINE_FORMS.map((l) => (l ? `  ${l}` : ''))]);
        return;
      case 'exit':
        return;
    }
  }

  private mentions(text: string, target: MentionTarget): string {
    return escapeMentions(text, target, (name) => this.emu.user(name));
  }

  // A private channel the new person is not in cannot be where they are: they start in #general instead.
  private async actAs(name: string): Promise<void> {
    this.userName = this.emu.user(name).name;
    const here = this.emu.channelByName(this.channelName);
    if (here?.is_private && !here.members.includes(this.userId)) {
      this.printer.write([`· @${this.userName} is not a member of the private #${here.name}, so is in #general`]);
      this.channelName = 'general';
    }
    await this.join(this.channelName);
  }

  // Only channels that exist, as in Slack's channel switcher; a private one only for its members.
  private async goTo(name: string): Promise<void> {
    const ch = this.emu.channelByName(name);
    if (!ch) {
      const known = this.emu.channels().filter((c) => !c.is_private || c.members.includes(this.userId)).map((c) => `#${c.name}`);
      throw new LineError(`there is no channel #${name}; @${this.userName} can go to ${known.join(', ')}`);
    }
    if (ch.is_private && !ch.members.includes(this.userId)) throw new LineError(`#${ch.name} is private and @${this.userName} is not a member`);
    this.channelName = ch.name;
    await this.join(ch.name);
  }

  /** Opens the App Home as the current user (app_home_opened), waits for the bot to publish it, and prints it. */
  private async openHome(): Promise<void> {
    await check(this.emu.openHome({ user: this.userId }), 'the app_home_opened event');
    await withTimeout(this.idle(), 'the bot was still busy with background work');
    const home = this.emu.home(this.userId);
    if (!home) throw new LineError(`the bot published no Home tab for @${this.userName}`);
    this.onHome = true;
    this.printer.write(formatHome(home, { names: emulatorNames(this.emu), viewerId: this.userId }));
  }

  /**
   * Clicks the most recent button with this label the user can see: in their open modal first, then in the Home tab
   * when they are looking at it, then in messages.
   */
  private async click(label: string, near?: string): Promise<unknown> {
    const user = this.userId;
    const view = this.emu.openView(user);
    // A modal's own submit and close buttons are not blocks; clicking them by label submits or cancels.
    if (view && sameLabel({ label: strAt(view.view.submit, 'text') ?? '', actionId: undefined }, label)) return this.submit({});
    if (view && sameLabel({ label: strAt(view.view.close, 'text') ?? 'Cancel', actionId: undefined }, label)) return this.dispatch({ kind: 'cancel' });
    const inView = view ? buttonsIn(arrAt(view.view, 'blocks')).find((b) => sameLabel(b, label)) : undefined;
    if (inView) return check(this.emu.clickButton({ user, label: inView.label }), `the "${inView.label}" button`);
    const home = this.onHome ? this.emu.home(user) : undefined;
    const inHome = home ? buttonsIn(arrAt(home.view, 'blocks')).find((b) => sameLabel(b, label)) : undefined;
    if (inHome) {
      const shown = home!.hash;
      await check(this.emu.clickButton({ user, label: inHome.label, home: true }), `the "${inHome.label}" button`);
      await withTimeout(this.idle(), 'the bot was still busy with background work');
      // A page turn republishes the tab: show it again, as Slack would.
      const after = this.emu.home(user);
      if (after && after.hash !== shown) this.printer.write(formatHome(after, { names: emulatorNames(this.emu), viewerId: user }));
      return;
    }
    const visible = this.emu.allMessages().filter((m) => this.canSee(m)).reverse();
    for (const m of visible) {
      if (near !== undefined) {
        const found = matchButton(m.blocks ?? [], label, near);
        if (found) return check(this.emu.clickButton({ user, label, near, channel: m.channel, messageTs: m.ts }), `the "${label}" button`);
        continue;
      }
      const button = buttonsIn(m.blocks ?? []).find((b) => sameLabel(b, label));
      if (button) return check(this.emu.clickButton({ user, label: button.label, channel: m.channel, messageTs: m.ts }), `the "${button.label}" button`);
    }
    if (near !== undefined) throw new LineError(`no button labelled "${label}" next to "${near}" that @${this.userName} can see`);
    const seen = [...new Set(visible.flatMap((m) => buttonsIn(m.blocks ?? []).map((b) => b.label)))].slice(0, 8);
    throw new LineError(`no button labelled "${label}" that @${this.userName} can see${seen.length ? `; recent buttons: ${seen.join(', ')}` : ''}`);
  }

  /** Opens a page of the bot's web server (`latest`: the newest link to it this user was shown) as a stranger would. */
  private async visit(target: string): Promise<void> {
    const botUrl = this.botUrl();
    if (!botUrl) throw new LineError('the bot has no web address in this session');
    const names = emulatorNames(this.emu);
    const seen = this.emu.allMessages().filter((m) => this.canSee(m)).reverse().map((m) => [m.text, ...renderBlocks(m.blocks ?? [], names)].join('\n'));
    this.printer.write([await visitPage(visitUrl(target, botUrl, seen))]);
  }

  /** The most recent message in the current channel the user can see that contains these words. */
  private findMessage(words: string): EmuMessage {
    const names = emulatorNames(this.emu);
    const wanted = words.toLowerCase();
    const channel = this.emu.channel(this.channelName).id;
    const found = this.emu
      .messages(channel)
      .filter((m) => this.canSee(m))
      .reverse()
      .find((m) => {
        const text = [mrkdwnToText(m.text, names), ...renderBlocks(m.blocks ?? [], names)].join('\n').toLowerCase();
        return text.includes(wanted) || wanted.split(/\s+/).every((w) => text.includes(w));
      });
    if (!found) throw new LineError(`no message in #${this.channelName} contains "${words}"`);
    return found;
  }

  private canSee(m: EmuMessage): boolean {
    return !m.ephemeral || m.visible_to === undefined || m.visible_to === this.userId;
  }

  private openView(): EmuView {
    const view = this.emu.openView(this.userId);
    if (!view) throw new LineError(`no modal is open for @${this.userName}`);
    return view;
  }

  /** Remembers typed values after checking them against the modal, so a typo fails on its own line. */
  private fill(values: Record<string, string>): void {
    const view = this.openView();
    const merged = { ...this.pending.get(view.id), ...values };
    this.coerce(view, merged);
    this.pending.set(view.id, merged);
    this.printer.write([`· modal: ${Object.entries(values).map(([k, v]) => `${k} = "${v.replace(/\n/g, '\\n')}"`).join(', ')}`]);
  }

  // The typed values are kept until the bot accepts them, so a modal shown again with errors still shows them.
  private async submit(values: Record<string, string>): Promise<void> {
    const view = this.openView();
    const merged = { ...this.pending.get(view.id), ...values };
    this.pending.set(view.id, merged);
    const reply = await check(this.emu.submitView({ user: this.userId, values: this.coerce(view, merged), viewId: view.id }), 'the modal submission');
    if ((reply.json as { response_action?: string } | undefined)?.response_action !== 'errors') this.pending.delete(view.id);
  }

  private coerce(view: EmuView, values: Record<string, string>): ReturnType<typeof coerceFill> {
    const fields = modalFields(view.view, emulatorNames(this.emu));
    return attempt(() =>
      coerceFill(fields, values, { userId: (name) => this.emu.user(name).id, channelId: (name) => this.emu.channel(name).id }),
    );
  }
}

/** Lines after which the person is still looking at the App Home (a click there, or a modal it opened). */
const STAYS_ON_HOME: ReadonlySet<SandboxCommand['kind']> = new Set(['home', 'click', 'fill', 'submit', 'cancel', 'help']);

/** Labels match ignoring case, spacing and :emoji: codes; an action_id matches too. */
function sameLabel(b: { label: string; actionId: string | undefined }, typed: string): boolean {
  const norm = (s: string): string => s.replace(/:[\w+-]+:/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(b.label) === norm(typed) || b.actionId === typed;
}
