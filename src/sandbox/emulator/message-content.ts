// The text, blocks and metadata of a message, checked the way chat.postMessage checks them. Shared by the
// chat.* methods and by replies the bot sends through acks and response_urls.
import type { EmuMessage } from './types.js';
import { SlackApiError } from './methods/common.js';
import { LIMITS, blockIssues, issueError, issueMessage } from './limits.js';
import { withGeneratedIds } from './blocks.js';
import { slackFileErrors } from './methods/files.js';
import type { Workspace } from './workspace.js';

/** Checked message content. */
export interface MessageContent {
  text: string;
  blocks?: unknown[];
  metadata?: EmuMessage['metadata'];
  /** Slack cut the text at 40,000 characters; the method answers with the message_truncated warning. */
  truncated?: boolean;
}

/** The warning fields Slack adds to an ok answer when it truncated the message's text. */
export function truncationWarning(content: Partial<MessageContent>): Record<string, unknown> {
  return content.truncated ? { warning: 'message_truncated', response_metadata: { warnings: ['message_truncated'] } } : {};
}

/**
 * Read and check text/blocks/metadata. Slack answers invalid_blocks_format for blocks that are not a
 * JSON array, invalid_blocks for blocks it refuses (the reasons in `errors` and, prefixed '[ERROR] ', in
 * response_metadata.messages), and no_text when there is nothing to show; it keeps the first 40,000
 * characters of a longer text. With allowEmpty (chat.update) missing fields mean "keep".
 */
export function readMessageContent(params: Record<string, unknown>, opts: { allowEmpty?: boolean; ws?: Workspace } = {}): Partial<MessageContent> {
  const out: Partial<MessageContent> = {};
  const text = params.text;
  if (typeof text === 'string') out.text = text;
  else if (typeof text === 'number') out.text = String(text);
  if (out.text !== undefined && out.text.length > LIMITS.messageText) {
    out.text = out.text.slice(0, LIMITS.messageText);
    out.truncated = true;
  }
  if (params.blocks !== undefined && params.blocks !== '') {
    if (!Array.isArray(params.blocks)) throw new SlackApiError('invalid_blocks_format');
    const issues = blockIssues(params.blocks, LIMITS.messageBlocks, '/blocks');
    if (issues.length > 0) throw new SlackApiError('invalid_blocks', { errors: issues.map(issueError), response_metadata: { messages: issues.map(issueMessage) } });
    // A file shown in a block must exist and be processed; Slack lists the reasons in `errors` too.
    const files = opts.ws ? slackFileErrors(opts.ws, params.blocks) : [];
    if (files.length > 0) throw new SlackApiError('invalid_blocks', { errors: files, response_metadata: { messages: files.map((e) => `[ERROR] ${e}`) } });
    out.blocks = withGeneratedIds(params.blocks);
  }
  if (params.metadata !== undefined && params.metadata !== '') out.metadata = readMetadata(params.metadata);
  const hasAttachments = Array.isArray(params.attachments) && params.attachments.length > 0;
  const hasText = out.text !== undefined && out.text.trim() !== '';
  const hasBlocks = out.blocks !== undefined && out.blocks.length > 0;
  if (!opts.allowEmpty && !hasText && !hasBlocks && !hasAttachments) throw new SlackApiError('no_text');
  if (opts.allowEmpty && out.text === undefined && out.blocks === undefined && !hasAttachments) throw new SlackApiError('no_text');
  return out;
}

/** Message metadata must be { event_type: string, event_payload: object }. */
function readMetadata(raw: unknown): NonNullable<EmuMessage['metadata']> {
  if (typeof raw !== 'object' || raw === null) throw new SlackApiError('invalid_metadata_format');
  const m = raw as Record<string, unknown>;
  const payload = m.event_payload;
  if (typeof m.event_type !== 'string' || m.event_type === '' || typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new SlackApiError('invalid_metadata_schema');
  }
  return { event_type: m.event_type, event_payload: payload as Record<string, unknown> };
}
