import { describe, expect, it } from 'vitest';
import { coerceFill, modalFields, renderModal } from '../../src/sandbox/modal.js';
import type { NameLookup } from '../../src/sandbox/render.js';

const names: NameLookup = { user: (id) => ({ U1: 'alice' })[id], channel: () => undefined };
const plain = (text: string) => ({ type: 'plain_text', text });
const option = (value: string, text = value) => ({ value, text: plain(text) });
const input = (block_id: string, label: string, element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'input',
  block_id,
  label: plain(label),
  element: { action_id: `${block_id}_input`, ...element },
  ...extra,
});

/** A declare-incident modal like the bot's, with overrides. */
function aDeclareModal(overrides: Record<string, unknown> = {}) {
  return {
    type: 'modal',
    callback_id: 'declare',
    title: plain('Declare an incident'),
    submit: plain('Declare'),
    close: plain('Cancel'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: 'Tell responders what happened.' } },
      input('title', 'Title', { type: 'plain_text_input' }, { hint: plain('One line') }),
      input('severity', 'Severity', { type: 'static_select', options: [option('sev1', 'SEV1 critical'), option('sev2', 'SEV2 high'), option('sev4', 'SEV4 low')], initial_option: option('sev4', 'SEV4 low') }),
      input('private', 'Private channel', { type: 'checkboxes', options: [option('private', 'Keep it private')] }, { optional: true }),
      input('Ab3=', 'Incident commander', { type: 'users_select', initial_user: 'U1' }, { optional: true }),
      input('tags', 'Tags', { type: 'multi_static_select', options: [option('email'), option('vip')] }, { optional: true }),
    ],
    ...overrides,
  };
}

const ids = { userId: (name: string) => `U_${name}`, channelId: (name: string) => `C_${name}` };

describe('coerceFill', () => {
  const fields = modalFields(aDeclareModal(), names);

  it('matches keys by block id, label or a unique prefix and keys the values by block id', () => {
    expect(coerceFill(fields, { title: 'Phishing mail', 'Incident commander': '@bob', priv: 'yes' }, ids)).toEqual({
      title: 'Phishing mail',
      'Ab3=': 'U_bob',
      private: true,
    });
  });

  it('picks options by value or text and splits lists', () => {
    expect(coerceFill(fields, { severity: 'SEV2 high', tags: 'email, vip' }, ids)).toEqual({ severity: 'sev2', tags: ['email', 'vip'] });
    expect(coerceFill(fields, { severity: 'sev1', private: 'no' }, ids)).toEqual({ severity: 'sev1', private: false });
  });

  it('names the fields or options when a key or value is unknown', () => {
    expect(() => coerceFill(fields, { colour: 'red' }, ids)).toThrow('the modal has no field "colour"; its fields are: title, severity, private, "Incident commander", tags');
    expect(() => coerceFill(fields, { severity: 'sev3' }, ids)).toThrow('"sev3" is not an option of Severity; choose one of: sev1, sev2, sev4');
  });
});

describe('renderModal', () => {
  it('frames the title, fields with kinds, choices and values, buttons and a hint', () => {
    expect(renderModal(aDeclareModal(), names, { pending: { title: 'Phishing mail' }, errors: { severity: 'Pick a severity' } })).toEqual([
      '┌─ Modal: Declare an incident',
      '│ Tell responders what happened.',
      '│ Title [title]: text, required = "Phishing mail"',
      '│     One line',
      '│ Severity [severity]: select, required, one of: sev1 (SEV1 critical) | sev2 (SEV2 high) | sev4 (SEV4 low) = "SEV4 low"',
      '│     ⚠ Pick a severity',
      '│ Private channel [private]: checkboxes, one of: private (Keep it private)',
      '│ Incident commander ["Incident commander"]: users select = "@alice"',
      '│ Tags [tags]: multi static select, one of: email | vip',
      '│ [ Declare ]  [ Cancel ]',
      '└─ fill title=… severity=… then submit, or cancel',
    ]);
  });

  it('says who sees a modal shown to someone else, and shows a modal without inputs', () => {
    const lines = renderModal(aDeclareModal({ blocks: [], submit: undefined, title: plain('Done') }), names, { forUser: 'alice' });
    expect(lines).toEqual(['┌─ Modal: Done (shown to @alice)', '│ [ Cancel ]', '└─ cancel']);
  });
});
