// The declare modal: title, description, type, severity, private and drill. Used by `/incident declare` with no
// text and by the "Report as incident" message shortcut (which pre-fills it).
import { DEFAULT_SEVERITY, SEVERITIES, MAX_DESCRIPTION, MAX_TITLE } from '../../core/index.js';
import { ACTION, BLOCK, CALLBACK, OPTION } from '../ids.js';

/** What the modal carries through Slack between opening and submission (private_metadata, max 3,000 chars). */
export interface DeclareModalMetadata {
  /** Channel the request came from, for the confirmation. */
  originChannel?: string;
  /** The reported message, for the message shortcut. */
  source?: { channel: string; ts: string; author: string; permalink: string | null; text: string };
  /** Kinds of secret redacted from the reported message before the form showed it, so the reporter is told on submit. */
  redacted?: string[];
}

const option = (text: string, value: string) => ({ text: { type: 'plain_text' as const, text }, value });

/** Builds the modal view. */
export function declareModal(opts: { types: readonly string[]; prefill?: { title?: string; description?: string }; metadata: DeclareModalMetadata }) {
  const privateOption = option('Private (recommended): details only in the incident channel', OPTION.private);
  return {
    type: 'modal' as const,
    callback_id: CALLBACK.declareModal,
    title: { type: 'plain_text' as const, text: 'Declare an incident' },
    submit: { type: 'plain_text' as const, text: 'Declare' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    private_metadata: encodeMetadata(opts.metadata),
    blocks: [
      {
        type: 'input',
        block_id: BLOCK.title,
        label: { type: 'plain_text', text: 'Title' },
        element: {
          type: 'plain_text_input',
          action_id: ACTION.title,
          max_length: MAX_TITLE,
          ...(opts.prefill?.title ? { initial_value: opts.prefill.title.slice(0, MAX_TITLE) } : {}),
          placeholder: { type: 'plain_text', text: 'e.g. Suspicious login on the press office mailbox' },
        },
      },
      {
        type: 'input',
        block_id: BLOCK.description,
        optional: true,
        label: { type: 'plain_text', text: 'Description' },
        element: {
          type: 'plain_text_input',
          action_id: ACTION.description,
          multiline: true,
          max_length: MAX_DESCRIPTION,
          ...(opts.prefill?.description ? { initial_value: opts.prefill.description.slice(0, MAX_DESCRIPTION) } : {}),
        },
      },
      {
        type: 'input',
        block_id: BLOCK.type,
        label: { type: 'plain_text', text: 'Type' },
        element: {
          type: 'static_select',
          action_id: ACTION.type,
          // Slack allows 100 options in a static select.
          options: opts.types.slice(0, 100).map((t) => option(t, t)),
          initial_option: option('other', 'other'),
        },
      },
      {
        type: 'input',
        block_id: BLOCK.severity,
        label: { type: 'plain_text', text: 'Severity' },
        element: {
          type: 'static_select',
          action_id: ACTION.severity,
          options: SEVERITIES.map((s) => option(s, s)),
          initial_option: option(DEFAULT_SEVERITY, DEFAULT_SEVERITY),
        },
      },
      {
        type: 'input',
        block_id: BLOCK.options,
        optional: true,
        label: { type: 'plain_text', text: 'Options' },
        element: {
          type: 'checkboxes',
          action_id: ACTION.options,
          options: [privateOption, option('This is a drill', OPTION.drill)],
          initial_options: [privateOption],
        },
      },
    ],
  };
}

/** Serialises metadata within Slack's 3,000-character limit, shortening the quoted message text if needed. */
export function encodeMetadata(meta: DeclareModalMetadata): string {
  let json = JSON.stringify(meta);
  if (json.length > 3000 && meta.source) {
    const overflow = json.length - 3000 + 20;
    json = JSON.stringify({ ...meta, source: { ...meta.source, text: `${meta.source.text.slice(0, Math.max(0, meta.source.text.length - overflow))}…` } });
  }
  return json;
}

/** A redaction kind: a detector's or a REDACT_PATTERNS name (letters, digits and hyphens). */
const KIND = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Reads metadata back; unknown or broken metadata means none. */
export function decodeMetadata(raw: string | undefined): DeclareModalMetadata {
  try {
    const meta: unknown = raw ? JSON.parse(raw) : {};
    // `null`, a number or a list parse too, but are not metadata (reading `.source` off null crashed the listener).
    if (typeof meta !== 'object' || meta === null) return {};
    const { originChannel, source, redacted } = meta as Record<string, unknown>;
    const s = (typeof source === 'object' && source !== null ? source : {}) as Record<string, unknown>;
    const sourceOk = ['channel', 'ts', 'author', 'text'].every((k) => typeof s[k] === 'string') && (s.permalink === null || typeof s.permalink === 'string');
    const kinds = Array.isArray(redacted) ? redacted.filter((k): k is string => typeof k === 'string' && KIND.test(k)).slice(0, 20) : [];
    return {
      ...(typeof originChannel === 'string' ? { originChannel } : {}),
      ...(sourceOk ? { source: s as unknown as NonNullable<DeclareModalMetadata['source']> } : {}),
      ...(kinds.length > 0 ? { redacted: kinds } : {}),
    };
  } catch {
    return {};
  }
}
