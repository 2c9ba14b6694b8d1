// Every action_id, callback_id and block_id in one place, so listeners, builders and tests agree.

export const COMMAND = '/incident';

export const CALLBACK = {
  declareModal: 'declare_incident',
  reportMessageShortcut: 'report_message',
} as const;

export const BLOCK = {
  title: 'title',
  description: 'description',
  type: 'type',
  severity: 'severity',
  options: 'options',
} as const;

export const ACTION = {
  title: 'title_input',
  description: 'description_input',
  type: 'type_select',
  severity: 'severity_select',
  options: 'options_checkboxes',
} as const;

/** Values of the options checkboxes in the declare modal. */
export const OPTION = { private: 'private', drill: 'drill' } as const;
