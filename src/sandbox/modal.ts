// Modals in the terminal: the fields of an open view, the framed text that shows them, and turning what the
// person typed (`fill title="…" severity=sev2 private=yes`) into values the emulator can submit.
// Pure, like render.ts; coercion lives here because only the view knows whether `yes` means a checkbox.
import type { ModalValues } from './emulator/types.js';
import { arrAt, objAt, renderBlocks, strAt, textOf, type NameLookup } from './render.js';

/** One input block of a modal, as the sandbox needs it. */
export interface ModalField {
  blockId: string | undefined;
  actionId: string | undefined;
  label: string;
  type: string;
  optional: boolean;
  options: { text: string; value: string }[];
  initial: string | undefined;
}

/** Looks up ids for @user and #channel values (creating them in the emulator is fine). */
export interface IdLookup {
  userId(name: string): string;
  channelId(name: string): string;
}

/** The input fields of a view payload, in order. */
export function modalFields(view: unknown, names: NameLookup): ModalField[] {
  return arrAt(view, 'blocks')
    .filter((b) => strAt(b, 'type') === 'input')
    .map((b) => {
      const el = objAt(b, 'element');
      const options = [...arrAt(el, 'options'), ...arrAt(el, 'option_groups').flatMap((g) => arrAt(g, 'options'))].map((o) => ({
        text: textOf(objAt(o, 'text'), names),
        value: strAt(o, 'value') ?? '',
      }));
      const initialOptions = arrAt(el, 'initial_options').map((o) => textOf(objAt(o, 'text'), names));
      const initial =
        strAt(el, 'initial_value') ??
        (objAt(el, 'initial_option') ? textOf(objAt(objAt(el, 'initial_option'), 'text'), names) : undefined) ??
        (initialOptions.length ? initialOptions.join(', ') : undefined) ??
        strAt(el, 'initial_date') ??
        strAt(el, 'initial_time') ??
        (strAt(el, 'initial_user') ? `@${names.user(strAt(el, 'initial_user')!) ?? strAt(el, 'initial_user')}` : undefined);
      return {
        blockId: strAt(b, 'block_id'),
        actionId: strAt(el, 'action_id'),
        label: textOf(objAt(b, 'label'), names),
        type: strAt(el, 'type') ?? '?',
        optional: isObj(b) && b.optional === true,
        options,
        initial,
      };
    });
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The key to suggest for a field: a one-word label lowercased, else a block_id that reads like a word (Slack's
 * generated ids are mixed-case noise such as 'maBWU'), else the quoted label. Any of them is accepted by findField.
 */
export function fieldKey(f: ModalField): string {
  if (/^[\w-]+$/.test(f.label)) return f.label.toLowerCase();
  if (f.blockId && /^[a-z][a-z0-9]*([_.-][a-z0-9]+)*$/.test(f.blockId) && f.blockId.length >= 3) return f.blockId;
  return `"${f.label}"`;
}

/** The field a typed key names: by block_id, action_id or label (case and punctuation ignored), else a unique prefix. */
export function findField(fields: readonly ModalField[], key: string): ModalField {
  const k = norm(key);
  const names = (f: ModalField): string[] => [f.blockId, f.actionId, f.label].filter((s): s is string => !!s).map(norm);
  const exact = fields.find((f) => names(f).includes(k));
  if (exact) return exact;
  const prefixed = fields.filter((f) => k !== '' && names(f).some((n) => n.startsWith(k)));
  if (prefixed.length === 1) return prefixed[0]!;
  throw new Error(`the modal has no field "${key}"; its fields are: ${fields.map(fieldKey).join(', ') || '(none)'}`);
}

const YES = new Set(['yes', 'y', 'true', 'on', 'checked', 'x']);
const NO = new Set(['no', 'n', 'false', 'off', 'unchecked', '']);

/** Typed `field=value` pairs turned into submit values keyed by block_id (or label), checked against the view. */
export function coerceFill(fields: readonly ModalField[], raw: Record<string, string>, ids: IdLookup): ModalValues {
  const out: ModalValues = {};
  for (const [key, value] of Object.entries(raw)) {
    const f = findField(fields, key);
    out[f.blockId ?? f.label] = coerceValue(f, value, ids);
  }
  return out;
}

function coerceValue(f: ModalField, value: string, ids: IdLookup): string | string[] | boolean {
  const list = (): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);
  const user = (s: string): string => (/^U[A-Z0-9]+$/.test(s) ? s : ids.userId(s.replace(/^@/, '')));
  const channel = (s: string): string => (/^[CG][A-Z0-9]+$/.test(s) ? s : ids.channelId(s.replace(/^#/, '')));
  switch (f.type) {
    case 'checkboxes':
      if (f.options.length === 1 && (YES.has(value.toLowerCase()) || NO.has(value.toLowerCase()))) return YES.has(value.toLowerCase());
      return list().map((v) => pickOption(f, v));
    case 'static_select':
    case 'radio_buttons':
      return pickOption(f, value);
    case 'multi_static_select':
      return list().map((v) => pickOption(f, v));
    case 'users_select':
      return user(value);
    case 'multi_users_select':
      return list().map(user);
    case 'conversations_select':
    case 'channels_select':
      return channel(value);
    case 'multi_conversations_select':
    case 'multi_channels_select':
      return list().map(channel);
    default:
      return value;
  }
}

/** The option value a typed word names: by value or text, exactly or as the unique start of one. */
function pickOption(f: ModalField, typed: string): string {
  const k = norm(typed);
  const exact = f.options.find((o) => norm(o.value) === k || norm(o.text) === k);
  if (exact) return exact.value;
  const prefixed = f.options.filter((o) => k !== '' && (norm(o.value).startsWith(k) || norm(o.text).startsWith(k)));
  if (prefixed.length === 1) return prefixed[0]!.value;
  throw new Error(`"${typed}" is not an option of ${f.label}; choose one of: ${f.options.map((o) => o.value).join(', ')}`);
}

/** How a field is described: its kind, whether it is required, and its choices. */
function describe(f: ModalField): string {
  const kind = f.type.replace(/_/g, ' ').replace(/^plain text input$/, 'text').replace(/^static select$/, 'select');
  const choices = f.options.length ? `, one of: ${f.options.map((o) => (norm(o.text) === norm(o.value) ? o.value : `${o.value} (${o.text})`)).join(' | ')}` : '';
  return `${kind}${f.optional ? '' : ', required'}${choices}`;
}

/** A modal as a framed block: title, fields with current values and errors, its buttons, and how to fill it in. */
export function renderModal(
  view: unknown,
  names: NameLookup,
  opts: { pending?: Record<string, string>; errors?: Record<string, string>; forUser?: string } = {},
): string[] {
  const fields = modalFields(view, names);
  const title = textOf(objAt(view, 'title'), names) || strAt(view, 'callback_id') || 'modal';
  const lines = [`┌─ Modal: ${title}${opts.forUser ? ` (shown to @${opts.forUser})` : ''}`];
  const pendingFor = (f: ModalField): string | undefined => {
    for (const [k, v] of Object.entries(opts.pending ?? {})) {
      try {
        if (findField(fields, k) === f) return v;
      } catch {
        // an unknown key is reported when the person submits; here it just shows no value
      }
    }
    return undefined;
  };
  for (const b of arrAt(view, 'blocks')) {
    if (strAt(b, 'type') !== 'input') {
      lines.push(...renderBlocks([b], names).map((l) => `│ ${l}`));
      continue;
    }
    const f = fields.find((x) => x.blockId === strAt(b, 'block_id') && x.label === textOf(objAt(b, 'label'), names))!;
    const current = pendingFor(f) ?? f.initial;
    // A multi-line value continues on indented lines inside the frame.
    const shown = current === undefined ? '' : ` = "${current.replace(/\n/g, '\n│       ')}"`;
    lines.push(...`│ ${f.label} [${fieldKey(f)}]: ${describe(f)}${shown}`.split('\n'));
    const hint = textOf(objAt(b, 'hint'), names);
    if (hint) lines.push(`│     ${hint}`);
    const error = f.blockId !== undefined ? opts.errors?.[f.blockId] : undefined;
    if (error) lines.push(`│     ⚠ ${error}`);
  }
  const submit = textOf(objAt(view, 'submit'), names);
  const close = textOf(objAt(view, 'close'), names) || 'Cancel';
  lines.push(`│ ${submit ? `[ ${submit} ]  ` : ''}[ ${close} ]`);
  const example = fields.slice(0, 2).map((f) => `${fieldKey(f)}=…`).join(' ');
  lines.push(`└─ ${fields.length ? `fill ${example} then ` : ''}${submit ? 'submit, or ' : ''}cancel`);
  return lines;
}
