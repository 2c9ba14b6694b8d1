// Block Kit validation with Slack's documented limits. The emulator rejects what Slack would reject, so a
// bot that passes here does not discover a 3,001-character section in production. Messages use Slack's
// '[ERROR] <reason> [json-pointer:/blocks/3/text/text]' form, which @slack/web-api logs as errors.

/** Limits Slack enforces on blocks, elements and views. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3_000,
  sectionField: 2_000,
  sectionFields: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2_000,
  url: 3_000,
  id: 255, // action_id, block_id, callback_id, external_id
  actionsElements: 25,
  contextElements: 10,
  label: 2_000,
  viewTitle: 24, // also submit and close
  privateMetadata: 3_000,
  optionText: 75,
  optionValue: 150,
  options: 100,
  placeholder: 150,
} as const;

const BLOCK_TYPES = new Set(['section', 'header', 'divider', 'actions', 'context', 'input', 'image', 'rich_text', 'file', 'video', 'markdown']);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function err(reason: string, pointer: string): string {
  return `[ERROR] ${reason} [json-pointer:${pointer}]`;
}

/** Check a text object: its type, and its text between 1 and max characters. */
function checkText(t: unknown, pointer: string, max: number, plainOnly: boolean, out: string[]): void {
  if (!isObj(t)) {
    out.push(err('must be a text object', pointer));
    return;
  }
  const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof t.type !== 'string' || !allowed.includes(t.type)) out.push(err(`must be one of ${allowed.join(', ')}`, `${pointer}/type`));
  if (typeof t.text !== 'string') out.push(err('must be a string', `${pointer}/text`));
  else if (t.text.length === 0) out.push(err('must be more than 0 characters', `${pointer}/text`));
  else if (t.text.length > max) out.push(err(`must be less than ${max + 1} characters`, `${pointer}/text`));
}

function checkMaxString(v: unknown, max: number, pointer: string, out: string[]): void {
  if (v === undefined) return;
  if (typeof v !== 'string') out.push(err('must be a string', pointer));
  else if (v.length > max) out.push(err(`must be less than ${max + 1} characters`, pointer));
}

function checkOptions(options: unknown, pointer: string, out: string[]): void {
  if (!Array.isArray(options)) return;
  if (options.length > LIMITS.options) out.push(err(`no more than ${LIMITS.options} items allowed`, pointer));
  options.forEach((o, i) => {
    if (!isObj(o)) {
      out.push(err('must be an option object', `${pointer}/${i}`));
      return;
    }
    checkText(o.text, `${pointer}/${i}/text`, LIMITS.optionText, false, out);
    checkMaxString(o.value, LIMITS.optionValue, `${pointer}/${i}/value`, out);
  });
}

/** Check an interactive element (button, select, input…). */
function checkElement(el: unknown, pointer: string, out: string[]): void {
  if (!isObj(el)) {
    out.push(err('must be an element object', pointer));
    return;
  }
  checkMaxString(el.action_id, LIMITS.id, `${pointer}/action_id`, out);
  if (el.type === 'button') {
    checkText(el.text, `${pointer}/text`, LIMITS.buttonText, true, out);
    checkMaxString(el.value, LIMITS.buttonValue, `${pointer}/value`, out);
    checkMaxString(el.url, LIMITS.url, `${pointer}/url`, out);
    if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') out.push(err('must be primary or danger', `${pointer}/style`));
  }
  if (el.placeholder !== undefined) checkText(el.placeholder, `${pointer}/placeholder`, LIMITS.placeholder, true, out);
  checkOptions(el.options, `${pointer}/options`, out);
}

function checkSection(b: Obj, p: string, out: string[]): void {
  if (b.text === undefined && b.fields === undefined) out.push(err('must provide either text or fields', p));
  if (b.text !== undefined) checkText(b.text, `${p}/text`, LIMITS.sectionText, false, out);
  if (Array.isArray(b.fields)) {
    if (b.fields.length > LIMITS.sectionFields) out.push(err(`no more than ${LIMITS.sectionFields} items allowed`, `${p}/fields`));
    b.fields.forEach((f, i) => checkText(f, `${p}/fields/${i}`, LIMITS.sectionField, false, out));
  }
  if (b.accessory !== undefined) checkElement(b.accessory, `${p}/accessory`, out);
}

function checkActions(b: Obj, p: string, out: string[]): void {
  if (!Array.isArray(b.elements) || b.elements.length === 0) {
    out.push(err('must provide at least one element', `${p}/elements`));
    return;
  }
  if (b.elements.length > LIMITS.actionsElements) out.push(err(`no more than ${LIMITS.actionsElements} items allowed`, `${p}/elements`));
  const seen = new Set<string>();
  b.elements.forEach((el, i) => {
    checkElement(el, `${p}/elements/${i}`, out);
    const actionId = isObj(el) && typeof el.action_id === 'string' ? el.action_id : undefined;
    if (actionId === undefined) return;
    if (seen.has(actionId)) out.push(err(`duplicate action_id: ${actionId}`, `${p}/elements/${i}/action_id`));
    seen.add(actionId);
  });
}

/** Check one block by type. */
function checkBlock(b: unknown, p: string, out: string[]): void {
  if (!isObj(b)) {
    out.push(err('must be a block object', p));
    return;
  }
  if (typeof b.type !== 'string' || !BLOCK_TYPES.has(b.type)) {
    out.push(err(`unsupported block type: ${String(b.type)}`, `${p}/type`));
    return;
  }
  checkMaxString(b.block_id, LIMITS.id, `${p}/block_id`, out);
  if (b.type === 'section') checkSection(b, p, out);
  else if (b.type === 'header') checkText(b.text, `${p}/text`, LIMITS.headerText, true, out);
  else if (b.type === 'actions') checkActions(b, p, out);
  else if (b.type === 'context') {
    if (!Array.isArray(b.elements) || b.elements.length === 0) out.push(err('must provide at least one element', `${p}/elements`));
    else if (b.elements.length > LIMITS.contextElements) out.push(err(`no more than ${LIMITS.contextElements} items allowed`, `${p}/elements`));
  } else if (b.type === 'input') {
    checkText(b.label, `${p}/label`, LIMITS.label, true, out);
    if (b.element === undefined) out.push(err('must provide an element', `${p}/element`));
    else checkElement(b.element, `${p}/element`, out);
  }
}

/** Validate a blocks array against a block-count limit; returns Slack-style error messages (empty = valid). */
export function validateBlocks(blocks: unknown, maxBlocks: number, pointer: string): string[] {
  const out: string[] = [];
  if (!Array.isArray(blocks)) return [err('must be an array', pointer)];
  if (blocks.length > maxBlocks) out.push(err(`no more than ${maxBlocks} items allowed`, pointer));
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    checkBlock(b, `${pointer}/${i}`, out);
    const blockId = isObj(b) && typeof b.block_id === 'string' ? b.block_id : undefined;
    if (blockId === undefined) return;
    if (blockIds.has(blockId)) out.push(err(`duplicate block_id: ${blockId}`, `${pointer}/${i}/block_id`));
    blockIds.add(blockId);
  });
  return out;
}

/** Validate a message's blocks (50 at most). */
export function validateMessageBlocks(blocks: unknown): string[] {
  return validateBlocks(blocks, LIMITS.messageBlocks, '/blocks');
}

/** Validate a modal or Home tab view; Slack reports these under /view. */
export function validateView(view: unknown): string[] {
  if (!isObj(view)) return [err('must be a view object', '/view')];
  const out: string[] = [];
  if (view.type !== 'modal' && view.type !== 'home') out.push(err('must be modal or home', '/view/type'));
  if (view.type === 'modal') checkText(view.title, '/view/title', LIMITS.viewTitle, true, out);
  if (view.submit !== undefined) checkText(view.submit, '/view/submit', LIMITS.viewTitle, true, out);
  if (view.close !== undefined) checkText(view.close, '/view/close', LIMITS.viewTitle, true, out);
  checkMaxString(view.private_metadata, LIMITS.privateMetadata, '/view/private_metadata', out);
  checkMaxString(view.callback_id, LIMITS.id, '/view/callback_id', out);
  checkMaxString(view.external_id, LIMITS.id, '/view/external_id', out);
  out.push(...validateBlocks(view.blocks, LIMITS.viewBlocks, '/view/blocks'));
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
  if (view.type === 'modal' && hasInput && view.submit === undefined) out.push(err('must provide submit when the view has input blocks', '/view/submit'));
  return out;
}
