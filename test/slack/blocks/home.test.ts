// The Home tab builder, pure: every page within Slack's 100 blocks and accepted by the emulator's Block Kit rules,
// sections carried over page breaks under their heading, the page clamped, optional sections only when given, and
// people's text escaped.
import { describe, expect, it } from 'vitest';
import type { Home, HomeIncident } from '../../../src/core/index.js';
import { homeView, HOME_MAX_BLOCKS } from '../../../src/slack/blocks/home.js';
import { validateView } from '../../../src/sandbox/emulator/limits.js';

const anIncident = (n: number, over: Partial<HomeIncident> = {}): HomeIncident => ({
  ref: `INC-${n}`, title: `Incident ${n}`, severity: 'sev3', status: 'investigating', private: false, drill: false, channelId: null, roles: [], reporter: false, ...over,
});

const aHome = (over: Partial<Home> = {}): Home => ({ userId: 'U0ALICE01', page: 1, mine: [], steps: [], open: [], incomplete: false, extra: {}, ...over });

/** A block as plain JSON (a Home view's blocks are typed loosely by @slack/types). */
type Json = { type: string; text?: { text: string }; elements?: Json[] };
const blocksOf = (view: ReturnType<typeof homeView>): Json[] => view.blocks as unknown as Json[];
const texts = (view: ReturnType<typeof homeView>): string => JSON.stringify(view.blocks);
const buttons = (view: ReturnType<typeof homeView>): string[] =>
  blocksOf(view).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).flatMap((e) => (e.type === 'button' && e.text ? [e.text.text] : [])) : []));

describe('homeView', () => {
  it('with nothing to show: one valid page, both buttons, no page buttons', () => {
    const view = homeView(aHome());
    expect(validateView(view)).toEqual([]);
    expect(buttons(view)).toEqual(['Declare incident', 'Report something suspicious']);
    expect(texts(view)).toContain('_No open incidents._');
    expect(texts(view)).not.toContain('Page 1');
  });

  it('pages a large Home within 100 blocks, each page valid, every line once, headings carried over', () => {
    const open = Array.from({ length: 300 }, (_, i) => anIncident(300 - i));
    const home = aHome({
      mine: open.slice(0, 120).map((i) => ({ ...i, roles: ['commander'] })),
      steps: Array.from({ length: 90 }, (_, i) => ({ ref: 'INC-1', channelId: null, playbook: 'Phishing', number: i + 1, title: `Step ${i + 1}`, dueAt: null })),
      open,
    });
    const first = homeView(home);
    const pages = Number(/Page 1 of (\d+)/.exec(texts(first))?.[1]);
    expect(pages).toBeGreaterThan(5);
    const lines: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const view = homeView({ ...home, page });
      expect(view.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
      expect(validateView(view)).toEqual([]);
      expect(buttons(view)).toEqual(['Declare incident', 'Report something suspicious', ...(page > 1 ? ['Previous'] : []), ...(page < pages ? ['Next'] : [])]);
      lines.push(...blocksOf(view).flatMap((b) => (b.type === 'section' && b.text && /^\*INC-\d+\* ·/.test(b.text.text) ? [b.text.text.split('\n')[0]!] : [])));
      if (page > 1) expect(texts(view)).toMatch(/\(continued\)/);
    }
    // Mine (120) and open (300): each incident line once per list it is in.
    expect(lines).toHaveLength(420);
    expect(new Set(lines).size).toBe(300);
    expect(texts(homeView({ ...home, page: 999 }))).toContain(`Page ${pages} of ${pages}`);
    expect(texts(homeView({ ...home, page: 0 }))).toContain(`Page 1 of ${pages}`);
  });

  it('shows follow-ups and deadlines only when something fills them', () => {
    expect(texts(homeView(aHome()))).not.toMatch(/follow-ups|Deadlines/);
    const at = new Date('2026-12-10T09:00:00Z');
    const view = homeView(aHome({ extra: { followUps: [{ ref: 'INC-4', text: 'Rotate the VPN keys', dueAt: at }], deadlines: [{ ref: 'INC-5', what: 'next update', at }] } }));
    expect(texts(view)).toContain('Your follow-ups (1)');
    expect(texts(view)).toContain('Rotate the VPN keys');
    expect(texts(view)).toContain('Deadlines (1)');
    expect(validateView(view)).toEqual([]);
  });

  it('says how the awareness programme stands when given (admins)', () => {
    const nextPost = new Date('2026-12-07T09:00:00Z');
    expect(texts(homeView(aHome({ awareness: { setUp: true, paused: false, nextPost, lastWeek: { acks: 12, audience: 40, rate: 0.3 } } })))).toContain('12 of 40 acknowledged (30%)');
    expect(texts(homeView(aHome({ awareness: { setUp: true, paused: true, nextPost, lastWeek: { acks: 0, audience: 0, rate: null } } })))).toMatch(/Paused.*no acknowledgements/);
    expect(texts(homeView(aHome({ awareness: { setUp: false } })))).toContain('Not set up');
    expect(texts(homeView(aHome()))).not.toContain('Awareness programme');
  });

  it('escapes titles, so a title cannot mention everyone or link', () => {
    const view = homeView(aHome({ open: [anIncident(1, { title: '<!channel> see <https://evil.example|here>' })] }));
    expect(texts(view)).toContain('&lt;!channel&gt; see &lt;https://evil.example|here&gt;');
    expect(texts(view)).not.toContain('<!channel>');
  });
});
