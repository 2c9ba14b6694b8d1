import { describe, expect, it } from 'vitest';
import { buttonsIn, mrkdwnToText, renderBlocks, type NameLookup } from '../../src/sandbox/render.js';
import { md as mrkdwn } from '../../src/slack/blocks/mrkdwn.js';

const names: NameLookup = {
  user: (id) => ({ U1: 'alice', U2: 'you' })[id],
  channel: (id) => ({ C1: 'incidents' })[id],
};

const plain = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const button = (text: string, action_id = text.toLowerCase()) => ({ type: 'button', text: plain(text), action_id });

describe('mrkdwnToText', () => {
  it('shows mentions and channel links by name, falling back to the id', () => {
    expect(mrkdwnToText('<@U1> opened <#C1|incidents> and <#C1>, cc <@U9>', names)).toBe('@alice opened #incidents and #incidents, cc @U9');
    expect(mrkdwnToText('<@U1|ally>', names)).toBe('@ally');
  });

  it('shows special mentions, user groups and dates', () => {
    expect(mrkdwnToText('<!here> <!channel> <!subteam^S1|@responders> <!date^1700000000^{date}|Nov 14>', names)).toBe('@here @channel @responders Nov 14');
  });

  it('shows links with their label and unescapes entities', () => {
    expect(mrkdwnToText('<https://x.test/a|runbook> <https://x.test/b> <mailto:a@b.test|a@b.test> &lt;b&gt; &amp;', names)).toBe(
      'runbook (https://x.test/a) https://x.test/b a@b.test <b> &',
    );
  });

  it('shows escaped hostile text exactly as typed, as Slack does, and an entity typed as text stays one', () => {
    const typed = '<https://evil.example.net/login|https://sso.ourcompany.org/verify> <@U1> <!channel> &amp; `/incident note <text>`';
    expect(mrkdwnToText(mrkdwn`${typed}`.text, names)).toBe(typed);
    // The same text unescaped would have been a disguised link, a mention and a broadcast.
    expect(mrkdwnToText(typed, names)).toBe('https://sso.ourcompany.org/verify (https://evil.example.net/login) @alice @channel & `/incident note text`');
  });
});

describe('renderBlocks', () => {
  it('renders header, section with fields and accessory, context, divider and actions', () => {
    const lines = renderBlocks(
      [
        { type: 'header', text: plain(':rotating_light: INC-1 declared') },
        { type: 'section', text: md('*Phishing mail* by <@U1>'), accessory: button('View') },
        { type: 'section', fields: [md('*Severity*\nsev4'), md('*Status*\nactive')] },
        { type: 'context', elements: [{ type: 'image', image_url: 'x', alt_text: 'i' }, md('in <#C1|incidents>'), plain('now')] },
        { type: 'divider' },
        { type: 'actions', elements: [button('Start playbook'), { type: 'static_select', placeholder: plain('Severity') }, { type: 'button', text: plain('Docs'), url: 'https://x' }] },
      ],
      names,
    );
    expect(lines).toEqual([
      '== :rotating_light: INC-1 declared ==',
      '*Phishing mail* by @alice  [ View ]',
      '*Severity*',
      'sev4',
      '*Status*',
      'active',
      'in #incidents · now',
      '────────────',
      '[ Start playbook ]  [ Severity ▾ ]  [ Docs ↗ ]',
    ]);
  });

  it('renders rich text sections, lists, code and quotes', () => {
    const lines = renderBlocks(
      [
        {
          type: 'rich_text',
          elements: [
            { type: 'rich_text_section', elements: [{ type: 'text', text: 'Hi ' }, { type: 'user', user_id: 'U1' }, { type: 'emoji', name: 'wave' }, { type: 'text', text: ' see ' }, { type: 'channel', channel_id: 'C1' }] },
            { type: 'rich_text_list', style: 'ordered', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }, { type: 'rich_text_section', elements: [{ type: 'link', url: 'https://x', text: 'two' }] }] },
            { type: 'rich_text_list', style: 'bullet', indent: 1, elements: [{ type: 'rich_text_section', elements: [{ type: 'broadcast', range: 'here' }] }] },
            { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'a\nb' }] },
            { type: 'rich_text_quote', elements: [{ type: 'text', text: 'quoted' }] },
          ],
        },
      ],
      names,
    );
    expect(lines).toEqual(['Hi @alice:wave: see #incidents', '1. one', '2. two (https://x)', '  • @here', '```', 'a', 'b', '```', '> quoted']);
  });

  it('marks blocks it does not know instead of failing', () => {
    expect(renderBlocks([{ type: 'video', title: plain('x') }, { type: 'image', alt_text: 'graph' }, 'junk'], names)).toEqual([
      '[video block]',
      '[image: graph]',
      '[unknown block]',
    ]);
  });
});

describe('buttonsIn', () => {
  it('finds buttons in actions and section accessories, in order', () => {
    const blocks = [{ type: 'section', text: md('x'), accessory: button('View', 'view_1') }, { type: 'actions', elements: [button('Start playbook'), { type: 'overflow', options: [] }] }];
    expect(buttonsIn(blocks)).toEqual([
      { label: 'View', actionId: 'view_1' },
      { label: 'Start playbook', actionId: 'start playbook' },
    ]);
  });
});
