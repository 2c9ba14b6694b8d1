// Block Kit as Slack's reference describes it, one table row per block, element and composition object, each
// with the reference page it comes from. Every row lists all of its documented fields: Slack refuses a field
// it does not know ('invalid additional property'), a missing required one, and each documented limit.
// The walker that applies these rows is in limits.ts. Reference: https://docs.slack.dev/reference/block-kit
// (pages named in `source` below, under /blocks, /block-elements and /composition-objects).

/** How one field's value is checked. */
export type Rule =
  | { kind: 'string'; min?: number; max?: number; pattern?: RegExp }
  | { kind: 'int'; min?: number; max?: number }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] }
  /** An object whose `type` picks its row, from these types only; textMax caps a text object's text. */
  | { kind: 'typed'; types: readonly string[]; textMax?: number }
  /** An object without a `type` field, checked against one row. */
  | { kind: 'object'; spec: ObjectSpec }
  | { kind: 'list'; item: Rule; min?: number; max?: number }
  /** Not modelled here (its content is free-form or a rarely used sub-object). */
  | { kind: 'any' };

/** A field rule, optionally required. */
export type Field = Rule & { required?: boolean };

/** One issue: Slack's reason text and the JSON pointer it names. */
export interface Issue {
  reason: string;
  pointer: string;
}

/** One row: the reference page, the fields, and checks that span fields. */
export interface ObjectSpec {
  source: string;
  fields: Record<string, Field>;
  /** A block or element whose fields are not modelled: only its block_id/action_id are checked. */
  open?: boolean;
  check?: (o: Record<string, unknown>, pointer: string, out: Issue[]) => void;
}

const REF = 'https://docs.slack.dev/reference/block-kit';

// Text objects: "The minimum length is 1 and maximum length is 3000 characters"; emoji only with plain_text,
// verbatim only with mrkdwn (composition-objects/text-object).
const plain = (max: number): Rule => ({ kind: 'typed', types: ['plain_text'], textMax: max });
const anyText = (max: number): Rule => ({ kind: 'typed', types: ['plain_text', 'mrkdwn'], textMax: max });
const str = (max?: number): Rule => ({ kind: 'string', ...(max !== undefined ? { max } : {}) });
const bool: Rule = { kind: 'bool' };
const req = (rule: Rule): Field => ({ ...rule, required: true });

const TEXT_OBJECTS: Record<string, ObjectSpec> = {
  plain_text: { source: `${REF}/composition-objects/text-object`, fields: { type: req(str()), text: req({ kind: 'string', min: 1, max: 3000 }), emoji: bool } },
  mrkdwn: { source: `${REF}/composition-objects/text-object`, fields: { type: req(str()), text: req({ kind: 'string', min: 1, max: 3000 }), verbatim: bool } },
};

// Confirmation dialog: title 100, text 300, confirm and deny 30 (composition-objects/confirmation-dialog-object).
const CONFIRM: ObjectSpec = {
  source: `${REF}/composition-objects/confirmation-dialog-object`,
  fields: { title: req(plain(100)), text: req(anyText(300)), confirm: req(plain(30)), deny: req(plain(30)), style: { kind: 'enum', values: ['primary', 'danger'] } },
};

// Option: text 75, value 150, description 75, url 3000 (overflow menus only) (composition-objects/option-object).
function optionSpec(text: Rule, withUrl = false): ObjectSpec {
  return {
    source: `${REF}/composition-objects/option-object`,
    fields: { text: req(text), value: req(str(150)), description: text, ...(withUrl ? { url: str(3000) } : {}) },
  };
}
const PLAIN_OPTION = optionSpec(plain(75));
const ANY_OPTION = optionSpec(anyText(75));
const URL_OPTION = optionSpec(plain(75), true);

// Option group: label 75, up to 100 options (composition-objects/option-group-object).
const OPTION_GROUP: ObjectSpec = {
  source: `${REF}/composition-objects/option-group-object`,
  fields: { label: req(plain(75)), options: req({ kind: 'list', item: { kind: 'object', spec: PLAIN_OPTION }, max: 100 }) },
};

// Slack image file: exactly one of url or id (composition-objects/slack-file-object).
const SLACK_FILE: ObjectSpec = { source: `${REF}/composition-objects/slack-file-object`, fields: { url: str(), id: str() }, check: oneOf(['url', 'id']) };

const DISPATCH_CONFIG: ObjectSpec = {
  source: `${REF}/composition-objects/dispatch-action-configuration-object`,
  fields: { trigger_actions_on: { kind: 'list', item: { kind: 'enum', values: ['on_enter_pressed', 'on_character_entered'] } } },
};

/** Exactly one of these fields must be present. */
function oneOf(keys: readonly string[]) {
  return (o: Record<string, unknown>, pointer: string, out: Issue[]): void => {
    const present = keys.filter((k) => o[k] !== undefined);
    if (present.length !== 1) out.push({ reason: `must provide exactly one of ${keys.join(' or ')}`, pointer });
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameJson(ra[k], rb[k]));
}

/**
 * initial_option / initial_options must "exactly match" options of the element ("A single option that exactly
 * matches one of the options within options or option_groups": select, radio button and checkbox pages).
 */
function initialAmongOptions(o: Record<string, unknown>, pointer: string, out: Issue[]): void {
  const groups = Array.isArray(o.option_groups) ? o.option_groups : [];
  const all = [...(Array.isArray(o.options) ? o.options : []), ...groups.flatMap((g: unknown) => (isObj(g) && Array.isArray(g.options) ? g.options : []))];
  // External selects load options at run time, so their initial options cannot be checked here.
  if (o.type === 'external_select' || o.type === 'multi_external_select') return;
  const check = (initial: unknown, at: string) => {
    if (!all.some((opt) => sameJson(opt, initial))) out.push({ reason: 'must exactly match one of the options', pointer: at });
  };
  if (o.initial_option !== undefined) check(o.initial_option, `${pointer}/initial_option`);
  if (Array.isArray(o.initial_options)) o.initial_options.forEach((opt, i) => check(opt, `${pointer}/initial_options/${i}`));
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const base = { type: req(str()), action_id: str(255) };
const confirm: Rule = { kind: 'object', spec: CONFIRM };
const placeholder = plain(150);
const options = (spec: ObjectSpec, min: number, max: number): Rule => ({ kind: 'list', item: { kind: 'object', spec }, min, max });
const initialOptions = (spec: ObjectSpec): Rule => ({ kind: 'list', item: { kind: 'object', spec } });
const selectCommon = { ...base, confirm, focus_on_load: bool, placeholder };
const multi = { max_selected_items: { kind: 'int', min: 1 } as Rule };
// A date as the datepicker page asks: "This should be in the format YYYY-MM-DD".
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Interactive and display elements by type. */
export const ELEMENTS: Record<string, ObjectSpec> = {
  button: {
    source: `${REF}/block-elements/button-element`,
    fields: { ...base, text: req(plain(75)), url: str(3000), value: str(2000), style: { kind: 'enum', values: ['primary', 'danger'] }, confirm, accessibility_label: str(75) },
  },
  // "A maximum of 10 options are allowed" (checkboxes and radio buttons pages).
  checkboxes: {
    source: `${REF}/block-elements/checkboxes-element`,
    fields: { ...base, options: req(options(ANY_OPTION, 1, 10)), initial_options: initialOptions(ANY_OPTION), confirm, focus_on_load: bool },
    check: initialAmongOptions,
  },
  radio_buttons: {
    source: `${REF}/block-elements/radio-button-group-element`,
    fields: { ...base, options: req(options(ANY_OPTION, 1, 10)), initial_option: { kind: 'object', spec: ANY_OPTION }, confirm, focus_on_load: bool },
    check: initialAmongOptions,
  },
  datepicker: {
    source: `${REF}/block-elements/date-picker-element`,
    fields: { ...base, initial_date: { kind: 'string', pattern: DATE }, confirm, focus_on_load: bool, placeholder },
  },
  datetimepicker: { source: `${REF}/block-elements/datetime-picker-element`, fields: { ...base, initial_date_time: { kind: 'int', min: 0 }, confirm, focus_on_load: bool } },
  timepicker: {
    source: `${REF}/block-elements/time-picker-element`,
    fields: { ...base, initial_time: { kind: 'string', pattern: TIME }, confirm, focus_on_load: bool, placeholder, timezone: str() },
  },
  // "An array of up to five option objects"; at least two (overflow-menu-element).
  overflow: { source: `${REF}/block-elements/overflow-menu-element`, fields: { ...base, options: req(options(URL_OPTION, 2, 5)), confirm } },
  static_select: {
    source: `${REF}/block-elements/select-menu-element#static_select`,
    fields: { ...selectCommon, options: options(PLAIN_OPTION, 1, 100), option_groups: { kind: 'list', item: { kind: 'object', spec: OPTION_GROUP }, min: 1, max: 100 }, initial_option: { kind: 'object', spec: PLAIN_OPTION } },
    check: (o, p, out) => {
      oneOf(['options', 'option_groups'])(o, p, out);
      initialAmongOptions(o, p, out);
    },
  },
  multi_static_select: {
    source: `${REF}/block-elements/multi-select-menu-element#static_multi_select`,
    fields: { ...selectCommon, ...multi, options: options(PLAIN_OPTION, 1, 100), option_groups: { kind: 'list', item: { kind: 'object', spec: OPTION_GROUP }, min: 1, max: 100 }, initial_options: initialOptions(PLAIN_OPTION) },
    check: (o, p, out) => {
      oneOf(['options', 'option_groups'])(o, p, out);
      initialAmongOptions(o, p, out);
    },
  },
  external_select: {
    source: `${REF}/block-elements/select-menu-element#external_select`,
    fields: { ...selectCommon, initial_option: { kind: 'object', spec: PLAIN_OPTION }, min_query_length: { kind: 'int', min: 0 } },
  },
  multi_external_select: {
    source: `${REF}/block-elements/multi-select-menu-element#external_multi_select`,
    fields: { ...selectCommon, ...multi, initial_options: initialOptions(PLAIN_OPTION), min_query_length: { kind: 'int', min: 0 } },
  },
  users_select: { source: `${REF}/block-elements/select-menu-element#users_select`, fields: { ...selectCommon, initial_user: str() } },
  multi_users_select: { source: `${REF}/block-elements/multi-select-menu-element#users_multi_select`, fields: { ...selectCommon, ...multi, initial_users: { kind: 'list', item: str() } } },
  conversations_select: {
    source: `${REF}/block-elements/select-menu-element#conversations_select`,
    fields: { ...selectCommon, initial_conversation: str(), default_to_current_conversation: bool, response_url_enabled: bool, filter: { kind: 'any' } },
  },
  multi_conversations_select: {
    source: `${REF}/block-elements/multi-select-menu-element#conversation_multi_select`,
    fields: { ...selectCommon, ...multi, initial_conversations: { kind: 'list', item: str() }, default_to_current_conversation: bool, filter: { kind: 'any' } },
  },
  channels_select: { source: `${REF}/block-elements/select-menu-element#channels_select`, fields: { ...selectCommon, initial_channel: str(), response_url_enabled: bool } },
  multi_channels_select: { source: `${REF}/block-elements/multi-select-menu-element#channel_multi_select`, fields: { ...selectCommon, ...multi, initial_channels: { kind: 'list', item: str() } } },
  // min_length "between 0 and 3000, inclusive"; max_length "between 1 and 3000, inclusive" (plain-text-input-element).
  plain_text_input: {
    source: `${REF}/block-elements/plain-text-input-element`,
    fields: {
      ...base,
      initial_value: str(),
      multiline: bool,
      min_length: { kind: 'int', min: 0, max: 3000 },
      max_length: { kind: 'int', min: 1, max: 3000 },
      dispatch_action_config: { kind: 'object', spec: DISPATCH_CONFIG },
      focus_on_load: bool,
      placeholder,
    },
  },
  email_text_input: {
    source: `${REF}/block-elements/email-input-element`,
    fields: { ...base, initial_value: str(), dispatch_action_config: { kind: 'object', spec: DISPATCH_CONFIG }, focus_on_load: bool, placeholder },
  },
  url_text_input: {
    source: `${REF}/block-elements/url-input-element`,
    fields: { ...base, initial_value: str(), dispatch_action_config: { kind: 'object', spec: DISPATCH_CONFIG }, focus_on_load: bool, placeholder },
  },
  number_text_input: {
    source: `${REF}/block-elements/number-input-element`,
    fields: { ...base, is_decimal_allowed: req(bool), initial_value: str(), min_value: str(), max_value: str(), dispatch_action_config: { kind: 'object', spec: DISPATCH_CONFIG }, focus_on_load: bool, placeholder },
  },
  // An image element: alt_text required, and image_url (3,000) or slack_file (image-element).
  image: { source: `${REF}/block-elements/image-element`, fields: { type: req(str()), alt_text: req(str()), image_url: str(3000), slack_file: { kind: 'object', spec: SLACK_FILE } }, check: oneOf(['image_url', 'slack_file']) },
  file_input: { source: `${REF}/block-elements/file-input-element`, fields: {}, open: true },
  rich_text_input: { source: `${REF}/block-elements/rich-text-input-element`, fields: {}, open: true },
  workflow_button: { source: `${REF}/block-elements/workflow-button-element`, fields: {}, open: true },
  ...TEXT_OBJECTS,
};

const SELECTS = ['static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select'];
const MULTI_SELECTS = SELECTS.map((s) => `multi_${s}`);

// "Works in" lists of each element page, gathered per block (section, actions, input and context block pages).
const SECTION_ACCESSORIES = ['button', 'checkboxes', 'datepicker', 'image', 'overflow', 'radio_buttons', 'timepicker', 'workflow_button', ...SELECTS, ...MULTI_SELECTS];
const ACTIONS_ELEMENTS = ['button', 'checkboxes', 'datepicker', 'datetimepicker', 'overflow', 'radio_buttons', 'timepicker', 'workflow_button', ...SELECTS, ...MULTI_SELECTS];
const INPUT_ELEMENTS = [
  'checkboxes', 'datepicker', 'datetimepicker', 'email_text_input', 'file_input', 'number_text_input', 'plain_text_input',
  'radio_buttons', 'rich_text_input', 'timepicker', 'url_text_input', ...SELECTS, ...MULTI_SELECTS,
];

const blockId = str(255);

/** Layout blocks by type. */
export const BLOCKS: Record<string, ObjectSpec> = {
  // text 1–3,000; fields at most 10 of 2,000 each; text or fields required (section-block).
  section: {
    source: `${REF}/blocks/section-block`,
    fields: {
      type: req(str()),
      block_id: blockId,
      text: anyText(3000),
      fields: { kind: 'list', item: anyText(2000), max: 10 },
      accessory: { kind: 'typed', types: SECTION_ACCESSORIES },
      expand: bool,
    },
    check: (o, p, out) => {
      if (o.text === undefined && o.fields === undefined) out.push({ reason: 'must provide either text or fields', pointer: p });
    },
  },
  header: { source: `${REF}/blocks/header-block`, fields: { type: req(str()), block_id: blockId, text: req(plain(150)) } },
  divider: { source: `${REF}/blocks/divider-block`, fields: { type: req(str()), block_id: blockId } },
  // Up to 25 elements (actions-block).
  actions: { source: `${REF}/blocks/actions-block`, fields: { type: req(str()), block_id: blockId, elements: req({ kind: 'list', item: { kind: 'typed', types: ACTIONS_ELEMENTS }, min: 1, max: 25 }) } },
  // Up to 10 image elements and text objects; each text object within the text object's 3,000 (context-block).
  context: { source: `${REF}/blocks/context-block`, fields: { type: req(str()), block_id: blockId, elements: req({ kind: 'list', item: { kind: 'typed', types: ['image', 'plain_text', 'mrkdwn'] }, min: 1, max: 10 }) } },
  // label and hint plain_text of 2,000 at most (input-block).
  input: {
    source: `${REF}/blocks/input-block`,
    fields: {
      type: req(str()),
      block_id: blockId,
      label: req(plain(2000)),
      element: req({ kind: 'typed', types: INPUT_ELEMENTS }),
      dispatch_action: bool,
      hint: plain(2000),
      optional: bool,
    },
  },
  // alt_text required (2,000); "You must provide either an image_url or slack_file"; title 2,000 (image-block).
  image: {
    source: `${REF}/blocks/image-block`,
    fields: { type: req(str()), block_id: blockId, alt_text: req(str(2000)), image_url: str(3000), slack_file: { kind: 'object', spec: SLACK_FILE }, title: plain(2000) },
    check: oneOf(['image_url', 'slack_file']),
  },
  rich_text: { source: `${REF}/blocks/rich-text-block`, fields: {}, open: true },
  file: { source: `${REF}/blocks/file-block`, fields: {}, open: true },
  video: { source: `${REF}/blocks/video-block`, fields: {}, open: true },
  markdown: { source: `${REF}/blocks/markdown-block`, fields: {}, open: true },
};

/** Numbers from the surface pages: blocks per message (50) and per modal or Home tab (100). */
export const SURFACE_LIMITS = {
  messageBlocks: 50, // https://docs.slack.dev/reference/block-kit/blocks ("up to 50 blocks in each message")
  viewBlocks: 100, // same page ("up to 100 blocks in modals or Home tabs")
  viewTitle: 24, // https://docs.slack.dev/reference/views/modal-views (title, submit, close: 24 characters)
  privateMetadata: 3_000, // same page
  id: 255, // callback_id, external_id (view reference)
  // chat.postMessage: "Slack will truncate messages containing more than 40,000 characters", answering with the
  // message_truncated warning (https://api.slack.com/changelog/2018-04-truncating-really-long-messages).
  messageText: 40_000,
} as const;
