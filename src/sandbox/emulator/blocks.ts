// Block helpers the emulator needs as Slack: filling in the ids Slack generates, and finding buttons and
// inputs a person can click or fill.
import { randomBytes } from 'node:crypto';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short random id like the ones Slack assigns ('ezJ', 'maBWU'). */
function shortId(taken: Set<string>): string {
  for (;;) {
    const id = randomBytes(4).toString('base64url').slice(0, 5);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** The elements of a block that carry an action_id (actions elements, a section accessory, an input element). */
function elementsOf(block: Obj): Obj[] {
  if (block.type === 'actions' && Array.isArray(block.elements)) return block.elements.filter(isObj);
  if (block.type === 'section' && isObj(block.accessory)) return [block.accessory];
  if (block.type === 'input' && isObj(block.element)) return [block.element];
  return [];
}

/**
 * A copy of the blocks with a block_id on every block and an action_id on every interactive element, as
 * Slack stores them: payloads sent back to the bot always carry both.
 */
export function withGeneratedIds(blocks: unknown[]): unknown[] {
  const copy = structuredClone(blocks);
  const blockIds = new Set(copy.filter(isObj).map((b) => b.block_id).filter((id): id is string => typeof id === 'string'));
  for (const block of copy) {
    if (!isObj(block)) continue;
    if (typeof block.block_id !== 'string') block.block_id = shortId(blockIds);
    const elements = elementsOf(block);
    const actionIds = new Set(elements.map((e) => e.action_id).filter((id): id is string => typeof id === 'string'));
    for (const el of elements) if (typeof el.action_id !== 'string') el.action_id = shortId(actionIds);
  }
  return copy;
}

/** A button found in some blocks, with the block it sits in and the text it stands next to. */
export interface ButtonRef {
  blockId: string;
  element: Obj;
  /** Its section's text (an accessory) or the nearest section above it (an actions block). */
  nearText: string;
}

/** The visible label of a button (its text). */
export function buttonLabel(element: Obj): string {
  return isObj(element.text) && typeof element.text.text === 'string' ? element.text.text : '';
}

/** Every button in a list of blocks, in display order. */
export function findButtons(blocks: unknown[] | undefined): ButtonRef[] {
  const out: ButtonRef[] = [];
  let nearText = '';
  for (const block of blocks ?? []) {
    if (!isObj(block)) continue;
    if (block.type === 'section' && isObj(block.text) && typeof block.text.text === 'string') nearText = block.text.text;
    for (const el of elementsOf(block)) {
      if (el.type === 'button') out.push({ blockId: String(block.block_id ?? ''), element: el, nearText });
    }
  }
  return out;
}

/**
 * The button a person means by a label or an action_id (label first, case-insensitive); with `near`, only a button
 * whose section text contains those words (e.g. the Done of one checklist step).
 */
export function matchButton(blocks: unknown[] | undefined, label: string, near?: string): ButtonRef | undefined {
  const words = near?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  const buttons = findButtons(blocks).filter((b) => words.every((w) => b.nearText.toLowerCase().includes(w)));
  const wanted = label.trim().toLowerCase();
  return (
    buttons.find((b) => buttonLabel(b.element).trim().toLowerCase() === wanted) ??
    buttons.find((b) => b.element.action_id === label)
  );
}

/** An input block of a modal, with what a person sees (its label). */
export interface InputRef {
  blockId: string;
  actionId: string;
  label: string;
  optional: boolean;
  element: Obj;
}

/** Every input block of a view, in display order. */
export function inputBlocks(blocks: unknown): InputRef[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.filter(isObj).flatMap((b) => {
    if (b.type !== 'input' || !isObj(b.element)) return [];
    const label = isObj(b.label) && typeof b.label.text === 'string' ? b.label.text : '';
    return [{ blockId: String(b.block_id ?? ''), actionId: String(b.element.action_id ?? ''), label, optional: b.optional === true, element: b.element }];
  });
}
