// Rules for text people type into incidents. Titles must fit an announcement and a channel name; nothing may carry
// a broadcast (@here/@channel/@everyone), which would page a whole workspace from a private incident; text that shows
// nothing (zero-width spaces and the like) counts as empty; direction overrides are removed (see invisible.ts).
import { AppError } from '../../shared/errors.js';
import { looksEmpty, stripDirectionControls } from '../../shared/invisible.js';

export const MAX_TITLE = 150;
export const MAX_DESCRIPTION = 3000;
export const MAX_NOTE = 3000;

const BROADCAST = /<!(here|channel|everyone)(\|[^>]*)?>|<!subteam\^[A-Z0-9]+(\|[^>]*)?>/i;

/** A trimmed, valid title, or a specific error. */
export function checkTitle(raw: string): string {
  const title = stripDirectionControls(raw).replace(/\s+/g, ' ').trim();
  if (looksEmpty(title)) {
    throw new AppError('invalid_input', 'The incident needs a title, e.g. `/incident declare Phishing mail to press office --sev3`.', { field: 'title' });
  }
  if (title.length > MAX_TITLE) {
    throw new AppError(
      'invalid_input',
      `The title is ${title.length} characters; keep it to ${MAX_TITLE} and put the details in the description (use \`/incident declare\` with no text for the form).`,
      { field: 'title' },
    );
  }
  checkNoBroadcast(title, 'title');
  checkStorable(title, 'title');
  return title;
}

/** A trimmed free text within its limit, or a specific error. Empty is allowed unless required. */
export function checkText(raw: string, what: string, max: number, required = false): string {
  const text = stripDirectionControls(raw).trim();
  if (looksEmpty(text)) {
    if (required) throw new AppError('invalid_input', `The ${what} is empty${text === '' ? '' : ' (it holds only invisible characters)'}.`, { field: what });
    if (text !== '') throw invisibleOnly(what);
  }
  if (text.length > max) throw new AppError('invalid_input', `The ${what} is ${text.length} characters; the limit is ${max}.`, { field: what });
  checkNoBroadcast(text, what);
  checkStorable(text, what);
  return text;
}

/** The refusal of text that holds only invisible characters (zero-width spaces and the like). */
export function invisibleOnly(what: string): AppError {
  return new AppError('invalid_input', `The ${what} holds only invisible characters (such as zero-width spaces): write it out, or leave it empty.`, { field: what });
}

/** True when text carries a group mention (@here, @channel, @everyone or a user group). */
export function hasBroadcast(text: string): boolean {
  return BROADCAST.test(text);
}

// Postgres text cannot hold U+0000, and a lone surrogate is not valid UTF-8: both would fail as a database error.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkStorable(text: string, what: string): void {
  if (UNSTORABLE.test(text)) throw new AppError('invalid_input', `The ${what} contains a character that cannot be stored (a NUL or a broken emoji); remove it.`, { field: what });
}

function checkNoBroadcast(text: string, what: string): void {
  if (BROADCAST.test(text)) {
    throw new AppError(
      'invalid_input',
      `The ${what} contains a group mention (@here, @channel, @everyone or a user group). Remove it: incident text must not notify the whole workspace.`,
      { field: what },
    );
  }
}
