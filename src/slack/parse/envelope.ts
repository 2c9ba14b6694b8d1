// The fields Slack always sends with each kind of request, and which our listeners (and Bolt's routing) read without
// checking. A signed request without them cannot come from Slack; it is acked with nothing done instead of reaching
// a listener that would crash on it halfway. Unknown kinds pass: Bolt routes them nowhere.
import { z } from 'zod';
import { CALLBACK } from '../ids.js';

/** Objects may carry any other fields; only the ones we read are checked. */
const loose = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);
/** Slack's ids and timestamps are short; a huge one would only fail later, e.g. in a modal's 3,000-character metadata. */
const slackId = z.string().max(255);
const id = loose({ id: slackId });
/** Opening a modal needs it; the Web API client refuses an empty one before calling Slack. */
const triggerId = z.string().min(1);

const slashCommand = loose({ command: z.string(), user_id: slackId, channel_id: slackId, trigger_id: triggerId, text: z.string() });

const blockActions = loose({
  user: id,
  trigger_id: triggerId,
  channel: id.optional(),
  message: loose({ ts: slackId }).optional(),
  actions: z.array(loose({ action_id: z.string(), value: z.string().optional() })).min(1),
});

/** One input's state as Slack reports it: its value is always a string (or null when left empty). */
const option = loose({ value: z.string() });
const inputValue = loose({
  value: z.string().nullable().optional(),
  selected_option: option.nullable().optional(),
  selected_options: z.array(option).optional(),
  selected_user: slackId.nullable().optional(),
  selected_date: z.string().nullable().optional(),
});

/** Our modals always have inputs and metadata, so Slack sends both; another app's view needs neither. */
const ourView = loose({
  user: id,
  view: loose({
    callback_id: z.string(),
    private_metadata: z.string(),
    state: loose({ values: z.record(z.string(), z.record(z.string(), inputValue)) }),
  }),
});

const anyView = loose({ user: id, view: loose({ callback_id: z.string() }) });
const OUR_VIEWS: ReadonlySet<unknown> = new Set(Object.values(CALLBACK));

const messageAction = loose({
  user: id,
  callback_id: z.string(),
  trigger_id: triggerId,
  channel: id,
  message: loose({ ts: slackId, text: z.string().optional(), user: slackId.optional() }),
});

const shortcut = loose({ user: id, callback_id: z.string(), trigger_id: triggerId });

// Bolt itself reads an event's user and channel as `'id' in event.channel`, `event.user.id`, `'channel' in
// event.item` and `event.subteam.created_by`, which throw (a 500, before any listener) on null or other non-objects.
const stringOrObject = z.union([z.string(), loose({})]);
const eventCallback = loose({
  event: loose({ type: z.string(), user: stringOrObject.optional(), channel: stringOrObject.optional(), item: loose({}).optional(), subteam: loose({}).optional() }),
  // Bolt reads `authorizations[0].team_id` to pick the installation: a null there throws before any listener.
  authorizations: z.array(loose({})).optional(),
});

/** Options requests and dialogs: Bolt reads `user.id`, and `channel.id` whenever `channel` is there. */
const withChannel = loose({ user: id, channel: id.optional() });

/**
 * Every kind: Bolt builds respond() from `response_url`, or from `response_urls[0]` (reading `.length` off it). Slack's
 * are https (the emulator's http on loopback); any other scheme (`type:x` parses as a URL) would fail in fetch later.
 */
const replyUrl = z.url({ protocol: /^https?$/ });
const replyUrls = loose({ response_url: replyUrl.optional(), response_urls: z.array(loose({ response_url: replyUrl })).optional() });

/** The schema for a body, decided in the order Bolt routes (event, command, options, action, shortcut, view). */
function schemaFor(b: Record<string, unknown>): z.ZodType | undefined {
  if (b.event !== undefined) return eventCallback;
  if (b.command !== undefined) return slashCommand;
  if (b.name !== undefined || b.type === 'block_suggestion') return withChannel; // options requests: no listener of ours
  if (b.actions !== undefined) return blockActions;
  if (b.type === 'dialog_submission') return withChannel;
  if (b.type === 'message_action') return messageAction;
  if (b.type === 'shortcut') return shortcut;
  if (b.type === 'view_submission' || b.type === 'view_closed') return OUR_VIEWS.has((b.view as { callback_id?: unknown } | undefined)?.callback_id) ? ourView : anyView;
  return undefined;
}

/** Why a request body cannot be from Slack, or undefined when it has what its kind always has. */
export function envelopeProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not an object';
  // Slack never sends U+0000 or half a surrogate pair, and Postgres cannot store either in text: the first query
  // carrying one would fail.
  if (hasUnstorable(body)) return 'a field holds U+0000 or a lone surrogate';
  const urls = replyUrls.safeParse(body);
  const checked = urls.success ? schemaFor(body as Record<string, unknown>)?.safeParse(body) : urls;
  if (!checked || checked.success) return undefined;
  return checked.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/** A surrogate not in a pair (`u` mode reads a pair as one code point, so only lone halves match). */
const LONE_SURROGATE = /\p{Cs}/u;
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

function hasUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return unstorable(value);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, v]) => unstorable(key) || hasUnstorable(v));
}
