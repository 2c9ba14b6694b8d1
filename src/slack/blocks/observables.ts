// Observables in Slack: the `/incident ioc list` reply, the reply to an add or a mark, the offer of what a scan found
// (one Add button each, shown only to the author), and the Add observable form. Values are always shown defanged and
// in code spans, so no client makes a link of them. Pure builders.
import { defang, OBSERVABLE_TYPES, TYPE_LABELS, type Found, type ListedObservable, type ObservableChange, type ObservableList, type ObservableType, type Verdict } from '../../core/index.js';
import { ACTION, BLOCK, BUTTON, CALLBACK } from '../ids.js';
import { message, type SlackMessage } from './message.js';
import { button, clip, context, joinMd, md, packLines, section, type Mrkdwn } from './text.js';

const VERDICT_ICON: Readonly<Record<Verdict, string>> = { malicious: ':red_circle:', suspicious: ':large_orange_circle:', benign: ':large_green_circle:', unknown: ':white_circle:' };

/** A value as Slack shows it: its type's name and the value defanged, in a code span. */
export function shownValue(type: ObservableType, value: string): Mrkdwn {
  // A backtick would end the code span early; the value is shown with it replaced by a look-alike (display only).
  return md`${TYPE_LABELS[type]} \`${defang(type, value).replaceAll('`', 'ˋ')}\``;
}

/** One observable as a line: verdict, type and value, and the other incidents the reader may see that hold it. */
export function observableLine(o: ListedObservable): Mrkdwn {
  const also = o.alsoIn.length > 0 ? md` · also in ${joinMd(o.alsoIn.map((r) => md`*${r}*`), ', ')}` : md``;
  return md`${VERDICT_ICON[o.verdict]} ${o.verdict} · ${shownValue(o.type, o.value)}${also}`;
}

/** The ephemeral list of an incident's observables. */
export function observableListMessage(list: ObservableList): SlackMessage {
  const { incident, observables } = list;
  if (observables.length === 0) {
    const none = md`*${incident.ref}* has no observables yet. \`/incident ioc add ${incident.ref} <value>\` records one.`;
    return message(none, [section(none)]);
  }
  const lead = md`Observables of *${incident.ref}*: ${String(observables.length)}`;
  const { sections, shown } = packLines(observables.map(observableLine), 40);
  const more = observables.length - shown;
  const blocks = [
    section(lead),
    ...sections.map(section),
    context(more > 0 ? md`${String(more)} more not shown: \`rampart ioc list ${incident.ref}\` lists them all.` : md`Export them with \`/incident ioc export ${incident.ref} stix|misp|csv\`.`),
  ];
  return message(lead, blocks);
}

/** The reply to an add or a mark, with the other incidents the person may see that hold the value. */
export function observableChangeMessage(change: ObservableChange, did: 'add' | 'mark', alsoIn: readonly string[] = []): SlackMessage {
  const icon = change.changed ? ':white_check_mark:' : ':information_source:';
  const also = alsoIn.length > 0 ? md` Also in ${joinMd(alsoIn.map((r) => md`*${r}*`), ', ')}.` : md``;
  const verdict = change.observable.verdict;
  const what = did === 'mark' ? md`${change.changed ? 'marked' : 'already'} ${verdict}` : change.changed ? md`added` : md`already there (${verdict})`;
  const text = md`${icon} *${change.incident.ref}*: ${shownValue(change.observable.type, change.observable.value)} ${what}.${also}`;
  return message(text, [section(text)]);
}

/** What an offer's Add button carries: enough for core to add it without reading the note again. */
export interface OfferValue {
  ref: string;
  type: ObservableType;
  value: string;
}

/** Button values are at most 2,000 characters: a longer value is not offered (it can still be added by hand). */
const MAX_OFFER_VALUE = 1_900;

/** The offer of what a scan found in a note or a pin: one section each with its Add button; none when nothing fits. */
export function offerBlocks(ref: string, found: readonly Found[], where = 'what you wrote') {
  const offered = found.filter((f) => f.value.length <= MAX_OFFER_VALUE);
  if (offered.length === 0) return [];
  return [
    section(md`:mag: Observables in ${where}. Add any to *${ref}*? (Only you see this.)`),
    ...offered.map((f) => ({
      ...section(shownValue(f.type, f.value)),
      accessory: button('Add', BUTTON.observableOffer, JSON.stringify({ ref, type: f.type, value: f.value } satisfies OfferValue)),
    })),
  ];
}

/** The offer alone, as an ephemeral message (a pinned message's). */
export function offerMessage(ref: string, found: readonly Found[]): SlackMessage {
  const lead = md`:mag: Observables found in the message you pinned in *${ref}*.`;
  const blocks = offerBlocks(ref, found, 'the message you pinned');
  return message(lead, blocks.length > 0 ? blocks : [section(md`${lead} Add them with \`/incident ioc add\`.`)]);
}

/** Reads an Add button's value; throws when it is not one of Rampart's offers. */
export function decodeOffer(raw: string | undefined): OfferValue {
  const v = JSON.parse(raw ?? '') as Partial<OfferValue>;
  if (typeof v.ref !== 'string' || !/^INC-\d{1,9}$/.test(v.ref) || typeof v.value !== 'string' || !(OBSERVABLE_TYPES as readonly string[]).includes(v.type ?? '')) {
    throw new Error('not an observable offer');
  }
  return v as OfferValue;
}

/** What the Add observable form carries between opening and submission. */
export interface ObservableModalMetadata {
  ref: string;
  /** Where the command was typed, for the reply after submission. */
  channel?: string;
}

const plainText = (text: string, max = 24) => ({ type: 'plain_text' as const, text: clip(text, max), emoji: true });

/** The Add observable form: the value, and its type (guessed when left empty). */
export function addObservableModal(meta: ObservableModalMetadata) {
  const options = OBSERVABLE_TYPES.map((t) => ({ text: plainText(TYPE_LABELS[t], 75), value: t }));
  return {
    type: 'modal' as const,
    callback_id: CALLBACK.observableAdd,
    title: plainText('Add observable'),
    submit: plainText('Add'),
    close: plainText('Cancel'),
    private_metadata: JSON.stringify(meta),
    blocks: [
      {
        type: 'input' as const,
        block_id: BLOCK.observableValue,
        label: plainText(`Observable for ${meta.ref}`, 2000),
        hint: plainText('An address, domain, URL, email address, hash, phone number or account name. Defanged values (hxxps://evil[.]example) are fine.', 2000),
        element: { type: 'plain_text_input' as const, action_id: ACTION.observableValue, max_length: 2048 },
      },
      {
        type: 'input' as const,
        block_id: BLOCK.observableType,
        optional: true,
        label: plainText('Type (guessed when left empty; account names must be chosen)', 2000),
        element: { type: 'static_select' as const, action_id: ACTION.observableType, options },
      },
    ],
  };
}

/** Reads the form's private_metadata; throws when it is not Rampart's. */
export function decodeObservableModalMetadata(raw: string): ObservableModalMetadata {
  const m = JSON.parse(raw) as ObservableModalMetadata;
  if (typeof m.ref !== 'string' || !/^INC-\d{1,9}$/.test(m.ref) || (m.channel !== undefined && typeof m.channel !== 'string')) {
    throw new Error('observable form metadata is malformed');
  }
  return m;
}
