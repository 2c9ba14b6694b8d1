// Every action_id, callback_id and block_id in one place, so listeners, builders and tests agree.

export const COMMAND = '/incident';

export const CALLBACK = {
  declareModal: 'declare_incident',
  reportMessageShortcut: 'report_message',
  stepSkip: 'step_skip',
  stepAssign: 'step_assign',
  stepDone: 'step_done',
  stepDetails: 'step_details',
  promoteLesson: 'promote_lesson',
} as const;

/** Fields of the promote-a-lesson form: block_id and action_id alike. */
export const TIP_FIELD = { title: 'tip_title', body: 'tip_body', do: 'tip_do', dont: 'tip_dont' } as const;

/** Buttons on checklist messages and playbook suggestions. */
export const BUTTON = {
  startPlaybook: 'playbook_start',
  done: 'step_done',
  skip: 'step_skip',
  assign: 'step_assign',
  details: 'step_details',
  reopen: 'step_reopen',
  awarenessAck: 'awareness_ack',
  awarenessReport: 'awareness_report',
} as const;

export const BLOCK = {
  title: 'title',
  description: 'description',
  type: 'type',
  severity: 'severity',
  options: 'options',
  reason: 'reason',
  assignee: 'assignee',
  note: 'note',
  confirm: 'confirm',
} as const;

export const ACTION = {
  title: 'title_input',
  description: 'description_input',
  type: 'type_select',
  severity: 'severity_select',
  options: 'options_checkboxes',
  reason: 'reason_input',
  assignee: 'assignee_select',
  note: 'note_input',
  confirm: 'confirm_checkbox',
} as const;

/** Values of the options checkboxes in the declare modal. */
export const OPTION = { private: 'private', drill: 'drill' } as const;
