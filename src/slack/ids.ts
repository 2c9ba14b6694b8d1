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
  review: 'incident_review',
  /** The App Home view (views.publish). */
  home: 'app_home',
  /** The note modal the update reminder's Post update button opens. */
  updateNote: 'reminder_update_note',
  /** The incident card's modals: a new status, a new severity, a role holder, a note. */
  cardStatus: 'card_status',
  cardSeverity: 'card_severity',
  cardRole: 'card_role',
  cardNote: 'card_note',
  followupReassign: 'followup_reassign',
  /** The Add observable form (`/incident ioc`). */
  observableAdd: 'observable_add',
} as const;

/** Fields of the promote-a-lesson form: block_id and action_id alike. */
export const TIP_FIELD = { title: 'tip_title', body: 'tip_body', do: 'tip_do', dont: 'tip_dont' } as const;

/** Text fields of the review modal: block_id and action_id alike. */
export const REVIEW_FIELD = {
  summary: 'review_summary',
  impact: 'review_impact',
  rootCause: 'review_root_cause',
  wentWell: 'review_went_well',
  wentWrong: 'review_went_wrong',
  lessons: 'review_lessons',
} as const;

/** The block_id (and action_id) of one part of action-item row `row` (0-based) in the review modal. */
export function reviewItemId(row: number, part: 'text' | 'owner' | 'due'): string {
  return `review_item_${row}_${part}`;
}

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
  /** Opens the review modal of the incident named in its value. */
  writeReview: 'review_write',
  /** Makes the status change its value describes, after the warning about open work. */
  confirmStatus: 'status_confirm',
  /** Drops that status change. */
  cancelStatus: 'status_cancel',
  /** Confirms making the private incident named in its value public. */
  confirmPublic: 'incident_public_confirm',
  /** Cancels an edit awaiting confirmation. */
  cancelEdit: 'incident_edit_cancel',
  /** App Home: opens the declare modal. */
  homeDeclare: 'home_declare',
  /** App Home: turns to the page number in its value (Previous and Next). */
  homePrevious: 'home_page_previous',
  homeNext: 'home_page_next',
  /** On the archive notice: keeps the closed incident's channel (named in its value) from being archived. */
  keepOpen: 'channel_keep_open',
  /** The update reminder's buttons; each value is the incident's reference. */
  postUpdate: 'reminder_post_update',
  snooze30m: 'reminder_snooze_30m',
  snooze2h: 'reminder_snooze_2h',
  snoozeTomorrow: 'reminder_snooze_tomorrow',
  stopReminders: 'reminder_stop',
  /** Makes the clicker commander of the incident named in its value (the missing-commander nudge). */
  takeCommand: 'incident_take_command',
  /** The incident card's buttons; each opens a modal for the incident named in its value. */
  cardStatus: 'card_status',
  cardSeverity: 'card_severity',
  cardRoles: 'card_roles',
  cardNote: 'card_note',
  /** Marks the follow-up whose id is its value done. */
  followupDone: 'followup_done',
  /** Opens the Reassign form of the follow-up whose id is its value. */
  followupReassign: 'followup_reassign',
  /** Adds the observable a scan found (its value: the incident, type and normalised value), offered to the author only. */
  observableOffer: 'observable_offer_add',
  /** The answers to a "was this you?" question whose id is their value. */
  askYes: 'ask_yes',
  askNo: 'ask_no',
  askUnsure: 'ask_unsure',
  /** Acknowledges the out-of-band plan version that is its value. */
  oobAcknowledge: 'oob_plan_acknowledge',
} as const;

/** The snooze each snooze button stands for. */
export const SNOOZE_BUTTONS = { [BUTTON.snooze30m]: '30m', [BUTTON.snooze2h]: '2h', [BUTTON.snoozeTomorrow]: 'tomorrow' } as const;

export const BLOCK = {
  /** The actions block of the posted out-of-band plan. */
  oobPlanAck: 'oob_plan_ack',
  title: 'title',
  description: 'description',
  type: 'type',
  severity: 'severity',
  options: 'options',
  reason: 'reason',
  assignee: 'assignee',
  note: 'note',
  confirm: 'confirm',
  status: 'status',
  role: 'role',
  /** The incident card's row of buttons. */
  cardActions: 'card_actions',
  observableValue: 'observable_value',
  observableType: 'observable_type',
  /** The note form's TLP marking. */
  noteTlp: 'note_tlp',
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
  status: 'status_select',
  role: 'role_select',
  observableValue: 'observable_value_input',
  observableType: 'observable_type_select',
  noteTlp: 'note_tlp_select',
} as const;

/** Values of the options checkboxes in the declare modal. */
export const OPTION = { private: 'private', drill: 'drill' } as const;
