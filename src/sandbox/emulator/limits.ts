// Block Kit validation: applies the rule table of block-kit-rules.ts. The emulator refuses what Slack would
// refuse, so a bot that passes here does not discover a 3,001-character section in production. Reasons use the
// wording of Slack's validator (slackhq/hack-json-schema: 'must be less than 3001 characters', 'no more than 5
// items allowed', 'missing required field: alt_text', 'invalid additional property: emoji', 'must be a valid enum
// value'), each followed by '[json-pointer:/blocks/3/text/text]' as Slack answers them.
import type { Issue, ObjectSpec, Rule } from './block-kit-rules.js';
import { BLOCKS, ELEMENTS, SURFACE_LIMITS } from './block-kit-rules.js';

/** Limits Slack enforces on whole surfaces (blocks per message or view, view title, metadata). */
export const LIMITS = SURFACE_LIMITS;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Slack's message form of an issue, as response_metadata.messages carries it. */
export function issueMessage(i: Issue): string {
  return `[ERROR] ${i.reason} [json-pointer:${i.pointer}]`;
}

/** Slack's form of an issue in the `errors` array beside invalid_blocks (no '[ERROR] ' prefix). */
export function issueError(i: Issue): string {
  return `${i.reason} [json-pointer:${i.pointer}]`;
}

function checkRule(v: unknown, rule: Rule, p: string, out: Issue[]): void {
  switch (rule.kind) {
    case 'string':
      if (typeof v !== 'string') return void out.push({ reason: 'must provide a string', pointer: p });
      if (rule.min !== undefined && v.length < rule.min) out.push({ reason: `must be more than ${rule.min - 1} characters`, pointer: p });
      if (rule.max !== undefined && v.length > rule.max) out.push({ reason: `must be less than ${rule.max + 1} characters`, pointer: p });
      if (rule.pattern && !rule.pattern.test(v)) out.push({ reason: `input must match regex pattern: ${rule.pattern.source}`, pointer: p });
      return;
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return void out.push({ reason: 'must provide an integer', pointer: p });
      if (rule.min !== undefined && v < rule.min) out.push({ reason: `must be greater than ${rule.min}`, pointer: p });
      if (rule.max !== undefined && v > rule.max) out.push({ reason: `must be less than ${rule.max}`, pointer: p });
      return;
    case 'bool':
      if (typeof v !== 'boolean') out.push({ reason: 'must provide a boolean', pointer: p });
      return;
    case 'enum':
      if (typeof v !== 'string' || !rule.values.includes(v)) out.push({ reason: 'must be a valid enum value', pointer: p });
      return;
    case 'typed':
      return checkTyped(v, rule.types, p, out, rule.textMax);
    case 'object':
      return checkObject(v, rule.spec, p, out);
    case 'list':
      if (!Array.isArray(v)) return void out.push({ reason: 'must provide an array', pointer: p });
      if (rule.min !== undefined && v.length < rule.min) out.push({ reason: `must provide at least ${rule.min} items`, pointer: p });
      if (rule.max !== undefined && v.length > rule.max) out.push({ reason: `no more than ${rule.max} items allowed`, pointer: p });
      v.forEach((item, i) => checkRule(item, rule.item, `${p}/${i}`, out));
      return;
    case 'any':
      return;
  }
}

/** An object whose `type` must be one of `types`; a text object's text may have a tighter cap than 3,000. */
function checkTyped(v: unknown, types: readonly string[], p: string, out: Issue[], textMax?: number): void {
  if (!isObj(v)) return void out.push({ reason: 'must provide an object', pointer: p });
  const spec = typeof v.type === 'string' && types.includes(v.type) ? ELEMENTS[v.type] : undefined;
  if (!spec) return void out.push({ reason: 'must be a valid enum value', pointer: `${p}/type` });
  const text = spec.fields.text;
  const capped = textMax !== undefined && text?.kind === 'string' ? { ...spec, fields: { ...spec.fields, text: { ...text, max: textMax } } } : spec;
  checkObject(v, capped, p, out);
}

/** Unknown fields, missing required fields, each field's rule, then the row's cross-field check. */
function checkObject(v: unknown, spec: ObjectSpec, p: string, out: Issue[]): void {
  if (!isObj(v)) return void out.push({ reason: 'must provide an object', pointer: p });
  if (spec.open) return;
  for (const key of Object.keys(v)) if (!(key in spec.fields)) out.push({ reason: `invalid additional property: ${key}`, pointer: p });
  for (const [key, rule] of Object.entries(spec.fields)) {
    if (v[key] === undefined) {
      if (rule.required) out.push({ reason: `missing required field: ${key}`, pointer: p });
    } else {
      checkRule(v[key], rule, `${p}/${key}`, out);
    }
  }
  spec.check?.(v, p, out);
}

/** The elements of a block that carry action_ids, with their pointers. */
function actionElements(b: Obj, p: string): { el: Obj; pointer: string }[] {
  if (b.type === 'actions' && Array.isArray(b.elements)) return b.elements.flatMap((el, i) => (isObj(el) ? [{ el, pointer: `${p}/elements/${i}` }] : []));
  return [];
}

/** Check one block by its row, and that action_ids are unique within it. */
function checkBlock(b: unknown, p: string, out: Issue[]): void {
  if (!isObj(b)) return void out.push({ reason: 'must provide an object', pointer: p });
  const spec = typeof b.type === 'string' ? BLOCKS[b.type] : undefined;
  if (!spec) return void out.push({ reason: `unsupported block type: ${String(b.type)}`, pointer: `${p}/type` });
  if (spec.open) checkRule(b.block_id ?? '', { kind: 'string', max: SURFACE_LIMITS.id }, `${p}/block_id`, out);
  else checkObject(b, spec, p, out);
  const seen = new Set<string>();
  for (const { el, pointer } of actionElements(b, p)) {
    if (typeof el.action_id !== 'string') continue;
    if (seen.has(el.action_id)) out.push({ reason: `duplicate action_id: ${el.action_id}`, pointer: `${pointer}/action_id` });
    seen.add(el.action_id);
  }
}

/** Validate a blocks array against a block-count limit; returns the issues (empty = valid). */
export function blockIssues(blocks: unknown, maxBlocks: number, pointer: string): Issue[] {
  const out: Issue[] = [];
  if (!Array.isArray(blocks)) return [{ reason: 'must provide an array', pointer }];
  if (blocks.length > maxBlocks) out.push({ reason: `no more than ${maxBlocks} items allowed`, pointer });
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    checkBlock(b, `${pointer}/${i}`, out);
    const blockId = isObj(b) && typeof b.block_id === 'string' ? b.block_id : undefined;
    if (blockId === undefined) return;
    if (blockIds.has(blockId)) out.push({ reason: `duplicate block_id: ${blockId}`, pointer: `${pointer}/${i}/block_id` });
    blockIds.add(blockId);
  });
  return out;
}

/** Validate a message's blocks (50 at most); Slack-style '[ERROR] …' messages, empty when valid. */
export function validateMessageBlocks(blocks: unknown): string[] {
  return blockIssues(blocks, SURFACE_LIMITS.messageBlocks, '/blocks').map(issueMessage);
}

const HOME_FIELDS = new Set(['type', 'blocks', 'private_metadata', 'callback_id', 'external_id']);

/** The issues of a modal or Home tab view; Slack reports these under /view. */
export function viewIssues(view: unknown): Issue[] {
  if (!isObj(view)) return [{ reason: 'must provide an object', pointer: '/view' }];
  const out: Issue[] = [];
  const title = { kind: 'typed', types: ['plain_text'], textMax: SURFACE_LIMITS.viewTitle } as const;
  if (view.type !== 'modal' && view.type !== 'home') out.push({ reason: 'must be a valid enum value', pointer: '/view/type' });
  // A Home tab view has only these fields (Slack's Home tab view reference): no title, submit or close.
  if (view.type === 'home') for (const key of Object.keys(view)) if (!HOME_FIELDS.has(key)) out.push({ reason: `invalid additional property: ${key}`, pointer: '/view' });
  if (view.type === 'modal') checkRule(view.title, title, '/view/title', out);
  if (view.submit !== undefined) checkRule(view.submit, title, '/view/submit', out);
  if (view.close !== undefined) checkRule(view.close, title, '/view/close', out);
  for (const [key, max] of [['private_metadata', SURFACE_LIMITS.privateMetadata], ['callback_id', SURFACE_LIMITS.id], ['external_id', SURFACE_LIMITS.id]] as const) {
    if (view[key] !== undefined) checkRule(view[key], { kind: 'string', max }, `/view/${key}`, out);
  }
  out.push(...blockIssues(view.blocks, SURFACE_LIMITS.viewBlocks, '/view/blocks'));
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
  if (view.type === 'modal' && hasInput && view.submit === undefined) out.push({ reason: 'must provide submit when the view has input blocks', pointer: '/view/submit' });
  return out;
}

/** Validate a modal or Home tab view; Slack-style '[ERROR] …' messages, empty when valid. */
export function validateView(view: unknown): string[] {
  return viewIssues(view).map(issueMessage);
}
