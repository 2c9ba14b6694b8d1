// Block Kit and mrkdwn turned into terminal text, so a sandbox user reads what a Slack user would see.
// Pure: names come from a lookup passed in, so tests need no emulator. Unknown shapes degrade to a short marker.

/** Resolves ids to display names; undefined falls back to the raw id. */
export interface NameLookup {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

/** A Block Kit object of unknown shape (blocks arrive as JSON). */
export type Obj = Record<string, unknown>;

/** The object at obj[key], or undefined when it is not an object. */
export function objAt(o: unknown, key: string): Obj | undefined {
  const v = isObj(o) ? o[key] : undefined;
  return isObj(v) ? v : undefined;
}

/** The array at obj[key], or []. */
export function arrAt(o: unknown, key: string): unknown[] {
  const v = isObj(o) ? o[key] : undefined;
  return Array.isArray(v) ? v : [];
}

/** The string at obj[key], or undefined. */
export function strAt(o: unknown, key: string): string | undefined {
  const v = isObj(o) ? o[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Slack's mrkdwn with its angle-bracket tokens (<@U1>, <#C1|name>, <!here>, <url|label>) made readable. */
export function mrkdwnToText(text: string, names: NameLookup): string {
  const out = text.replace(/<([^<>]*)>/g, (_all, inner: string) => {
    const [target = '', label] = splitPipe(inner);
    if (target.startsWith('@')) return `@${label ?? names.user(target.slice(1)) ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? names.channel(target.slice(1)) ?? target.slice(1)}`;
    if (target.startsWith('!subteam^')) return label ?? `@${target.slice('!subteam^'.length)}`;
    if (target.startsWith('!date^')) return label ?? target;
    if (target.startsWith('!')) return `@${target.slice(1)}`;
    if (label === undefined || label === target) return target;
    if (target.startsWith('mailto:')) return label;
    return `${label} (${target})`;
  });
  return out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function splitPipe(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/** The text of a plain_text or mrkdwn object. */
export function textOf(t: unknown, names: NameLookup): string {
  const text = strAt(t, 'text') ?? '';
  return strAt(t, 'type') === 'mrkdwn' ? mrkdwnToText(text, names) : text;
}

/** The visible label of a button element. */
export function buttonLabel(el: unknown): string {
  return strAt(objAt(el, 'text'), 'text') ?? strAt(el, 'action_id') ?? '?';
}

/** An interactive element as one bracketed chip: buttons `[ Label ]`, menus `[ Placeholder ▾ ]`. */
export function renderElement(el: unknown, names: NameLookup): string {
  const type = strAt(el, 'type') ?? '?';
  if (type === 'button') return `[ ${buttonLabel(el)}${strAt(el, 'url') ? ' ↗' : ''} ]`;
  if (type === 'overflow') return `[ ⋯ ${arrAt(el, 'options').map((o) => textOf(objAt(o, 'text'), names)).join(' | ')} ]`;
  if (type === 'image') return `[image: ${strAt(el, 'alt_text') ?? ''}]`;
  if (type === 'checkboxes' || type === 'radio_buttons') {
    return arrAt(el, 'options').map((o) => `( ) ${textOf(objAt(o, 'text'), names)}`).join('  ');
  }
  const initial = strAt(el, 'initial_date') ?? strAt(el, 'initial_time') ?? textOf(objAt(objAt(el, 'initial_option'), 'text'), names);
  const shown = initial || textOf(objAt(el, 'placeholder'), names) || type.replace(/_/g, ' ');
  return `[ ${shown} ▾ ]`;
}

/** Every block as readable lines (a message's blocks or a modal's non-input blocks). */
export function renderBlocks(blocks: readonly unknown[], names: NameLookup): string[] {
  return blocks.flatMap((b) => renderBlock(b, names));
}

function renderBlock(b: unknown, names: NameLookup): string[] {
  switch (strAt(b, 'type')) {
    case 'header':
      return [`== ${textOf(objAt(b, 'text'), names)} ==`];
    case 'divider':
      return ['────────────'];
    case 'section': {
      const lines = objAt(b, 'text') ? textOf(objAt(b, 'text'), names).split('\n') : [];
      for (const f of arrAt(b, 'fields')) lines.push(...textOf(f, names).split('\n'));
      const acc = objAt(b, 'accessory');
      if (acc && strAt(acc, 'type') !== 'image') {
        const chip = renderElement(acc, names);
        if (lines.length === 0) lines.push(chip);
        else lines[lines.length - 1] += `  ${chip}`;
      }
      return lines;
    }
    case 'context':
      return [arrAt(b, 'elements').map((e) => (strAt(e, 'type') === 'image' ? '' : textOf(e, names))).filter(Boolean).join(' · ')];
    case 'actions':
      return [arrAt(b, 'elements').map((e) => renderElement(e, names)).join('  ')];
    case 'input':
      return [`${textOf(objAt(b, 'label'), names)}: ${renderElement(objAt(b, 'element'), names)}`];
    case 'image':
      return [`[image: ${strAt(b, 'alt_text') ?? ''}]`];
    case 'rich_text':
      return arrAt(b, 'elements').flatMap((e) => renderRich(e, names, 0));
    default:
      return [`[${strAt(b, 'type') ?? 'unknown'} block]`];
  }
}

function renderRich(e: unknown, names: NameLookup, depth: number): string[] {
  const type = strAt(e, 'type');
  const inline = (): string => arrAt(e, 'elements').map((x) => richInline(x, names)).join('');
  if (type === 'rich_text_section') return inline().split('\n');
  if (type === 'rich_text_preformatted') return ['```', ...inline().split('\n'), '```'];
  if (type === 'rich_text_quote') return inline().split('\n').map((l) => `> ${l}`);
  if (type === 'rich_text_list') {
    const ordered = strAt(e, 'style') === 'ordered';
    const indent = '  '.repeat(Number(isObj(e) && typeof e.indent === 'number' ? e.indent : depth));
    return arrAt(e, 'elements').flatMap((item, i) => {
      const [first = '', ...more] = renderRich(item, names, depth + 1);
      return [`${indent}${ordered ? `${i + 1}.` : '•'} ${first}`, ...more.map((l) => `${indent}  ${l}`)];
    });
  }
  return [];
}

function richInline(x: unknown, names: NameLookup): string {
  switch (strAt(x, 'type')) {
    case 'text':
      return strAt(x, 'text') ?? '';
    case 'link':
      return strAt(x, 'text') ? `${strAt(x, 'text')} (${strAt(x, 'url')})` : (strAt(x, 'url') ?? '');
    case 'user': {
      const id = strAt(x, 'user_id') ?? '';
      return `@${names.user(id) ?? id}`;
    }
    case 'channel': {
      const id = strAt(x, 'channel_id') ?? '';
      return `#${names.channel(id) ?? id}`;
    }
    case 'emoji':
      return `:${strAt(x, 'name') ?? ''}:`;
    case 'broadcast':
      return `@${strAt(x, 'range') ?? 'here'}`;
    case 'usergroup':
      return `@${strAt(x, 'usergroup_id') ?? ''}`;
    case 'date':
      return strAt(x, 'fallback') ?? '';
    default:
      return '';
  }
}

/** Every button in these blocks (actions elements and section accessories), in order. */
export function buttonsIn(blocks: readonly unknown[]): { label: string; actionId: string | undefined }[] {
  const elements = blocks.flatMap((b) => [...arrAt(b, 'elements'), ...(objAt(b, 'accessory') ? [objAt(b, 'accessory')] : [])]);
  return elements.filter((e) => strAt(e, 'type') === 'button').map((e) => ({ label: buttonLabel(e), actionId: strAt(e, 'action_id') }));
}
