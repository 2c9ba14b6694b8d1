// Turns what a person types into a modal (ModalValues) into Slack's view.state.values. Fields left out
// keep their initial value or stay empty, as in the Slack client; a required field left empty, an
// unknown field or an unknown option is a mistake in the test or transcript, so it throws with the choices.
import type { ModalValues } from './types.js';
import type { InputRef } from './blocks.js';
import { inputBlocks } from './blocks.js';

type Obj = Record<string, unknown>;
type Value = ModalValues[string];

/** How to turn handles and names into ids (users_select takes a user id or handle). */
export interface Resolvers {
  userId(idOrName: string): string;
  channelId(idOrName: string): string;
}

function optionsOf(el: Obj): Obj[] {
  const direct = Array.isArray(el.options) ? el.options : [];
  const grouped = Array.isArray(el.option_groups) ? el.option_groups.flatMap((g: Obj) => (Array.isArray(g.options) ? g.options : [])) : [];
  return [...direct, ...grouped] as Obj[];
}

function optionText(o: Obj): string {
  const t = o.text as Obj | undefined;
  return typeof t?.text === 'string' ? t.text : '';
}

function findOption(input: InputRef, wanted: string): Obj {
  const options = optionsOf(input.element);
  const lower = wanted.trim().toLowerCase();
  const found = options.find((o) => optionText(o).trim().toLowerCase() === lower) ?? options.find((o) => o.value === wanted);
  if (!found) throw new Error(`no option "${wanted}"; options: ${options.map((o) => `"${optionText(o)}"`).join(', ')}`);
  return found;
}

function asList(v: Value): string[] {
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** Options for a boolean: tick or untick the only option of a single checkbox. */
function booleanOptions(input: InputRef, v: boolean): Obj[] {
  const options = optionsOf(input.element);
  const only = options[0];
  if (options.length !== 1 || !only) throw new Error(`${options.length} options; a boolean only fits a single checkbox`);
  return v ? [only] : [];
}

function text(v: Value): string | null {
  if (typeof v === 'boolean') throw new Error('a text field takes a string');
  const s = Array.isArray(v) ? v.join('\n') : v;
  return s === '' ? null : s;
}

function dateTimeSeconds(v: string): number {
  if (/^\d+$/.test(v)) return Number(v);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new Error(`"${v}" is not a date-time`);
  return Math.floor(ms / 1000);
}

/** The state of one element given the person's value (undefined: they left it as it was). */
function elementState(input: InputRef, v: Value | undefined, r: Resolvers): Obj {
  const el = input.element;
  const type = String(el.type);
  const given = v !== undefined;
  switch (type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: given ? (typeof v === 'string' && v !== '' ? findOption(input, v) : null) : (el.initial_option ?? null) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes': {
      const chosen = typeof v === 'boolean' ? booleanOptions(input, v) : asList(v ?? []).map((s) => findOption(input, s));
      return { type, selected_options: given ? chosen : (el.initial_options ?? []) };
    }
    case 'users_select':
      return { type, selected_user: given ? (text(v) === null ? null : r.userId(String(v))) : (el.initial_user ?? null) };
    case 'multi_users_select':
      return { type, selected_users: given ? asList(v).map(r.userId) : (el.initial_users ?? []) };
    case 'conversations_select':
      return { type, selected_conversation: given ? r.channelId(String(v)) : (el.initial_conversation ?? null) };
    case 'channels_select':
      return { type, selected_channel: given ? r.channelId(String(v)) : (el.initial_channel ?? null) };
    case 'datepicker':
      return { type, selected_date: given ? text(v) : (el.initial_date ?? null) };
    case 'timepicker':
      return { type, selected_time: given ? text(v) : (el.initial_time ?? null), ...(el.timezone ? { timezone: el.timezone } : {}) };
    case 'datetimepicker':
      return { type, selected_date_time: given ? (text(v) === null ? null : dateTimeSeconds(String(v))) : (el.initial_date_time ?? null) };
    default:
      // plain_text_input, email/url/number inputs: a value string.
      return { type, value: given ? text(v) : typeof el.initial_value === 'string' && el.initial_value !== '' ? el.initial_value : null };
  }
}

/** Whether a state carries no answer (what makes a required field block submission). */
function isEmpty(state: Obj): boolean {
  const answer = Object.entries(state).find(([k]) => k !== 'type' && k !== 'timezone')?.[1];
  return answer === null || answer === undefined || (Array.isArray(answer) && answer.length === 0);
}

function describe(inputs: InputRef[]): string {
  return inputs.map((i) => `"${i.label}" (block_id ${i.blockId})`).join(', ');
}

/** Build view.state.values for a submission: { [block_id]: { [action_id]: state } }. */
export function buildStateValues(blocks: unknown, values: ModalValues, r: Resolvers): Record<string, Record<string, Obj>> {
  const inputs = inputBlocks(blocks);
  const byInput = new Map<InputRef, Value>();
  const unmatched: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const lower = key.trim().toLowerCase();
    const input = inputs.find((i) => i.label.trim().toLowerCase() === lower) ?? inputs.find((i) => i.blockId === key);
    if (input) byInput.set(input, value);
    else unmatched.push(`"${key}"`);
  }
  if (unmatched.length > 0) throw new Error(`The modal has no field ${unmatched.join(', ')}; its fields are: ${describe(inputs)}`);
  const out: Record<string, Record<string, Obj>> = {};
  const missing: InputRef[] = [];
  for (const input of inputs) {
    let state: Obj;
    try {
      state = elementState(input, byInput.get(input), r);
    } catch (error) {
      throw new Error(`Field "${input.label}": ${(error as Error).message}`, { cause: error });
    }
    if (!input.optional && isEmpty(state)) missing.push(input);
    out[input.blockId] = { [input.actionId]: state };
  }
  if (missing.length > 0) throw new Error(`Required fields are empty (Slack would not submit): ${describe(missing)}`);
  return out;
}
