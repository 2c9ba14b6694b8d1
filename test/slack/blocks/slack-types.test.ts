// Every Block Kit payload the bot builds, checked by tsc against @slack/types (Slack's own TypeScript
// definitions of Block Kit). The bot hands its payloads to the WebClient cast, so this file is where their
// types are checked: a builder that returns a block, element or view Slack's types do not describe fails
// `tsc --noEmit`. Read-only versions of Slack's types (src/slack/blocks/block-kit.ts), because the builders
// build with `as const`.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import type { Block, HomeTab, Immutable, Modal } from '../../../src/slack/blocks/block-kit.js';
import * as archive from '../../../src/slack/blocks/archive.js';
import * as awarenessAdmin from '../../../src/slack/blocks/awareness-admin.js';
import * as awareness from '../../../src/slack/blocks/awareness.js';
import * as card from '../../../src/slack/blocks/card.js';
import * as cardModals from '../../../src/slack/blocks/card-modals.js';
import * as checklist from '../../../src/slack/blocks/checklist.js';
import * as declare from '../../../src/slack/blocks/declare-modal.js';
import * as decoy from '../../../src/slack/blocks/decoy.js';
import * as decoyDocument from '../../../src/slack/blocks/decoy-document.js';
import * as drill from '../../../src/slack/blocks/drill.js';
import * as digest from '../../../src/slack/blocks/digest.js';
import * as help from '../../../src/slack/blocks/help.js';
import * as incident from '../../../src/slack/blocks/incident.js';
import * as openWork from '../../../src/slack/blocks/open-work.js';
import * as playbooks from '../../../src/slack/blocks/playbooks.js';
import * as promote from '../../../src/slack/blocks/promote-modal.js';
import * as redaction from '../../../src/slack/blocks/redaction.js';
import * as review from '../../../src/slack/blocks/review-modal.js';
import * as stats from '../../../src/slack/blocks/stats.js';
import * as steps from '../../../src/slack/blocks/step-modals.js';
import * as text from '../../../src/slack/blocks/text.js';
import * as timeline from '../../../src/slack/blocks/timeline.js';
import * as message from '../../../src/slack/blocks/message.js';
import * as mrkdwn from '../../../src/slack/blocks/mrkdwn.js';
import * as oob from '../../../src/slack/blocks/oob.js';
import * as edit from '../../../src/slack/blocks/edit.js';
import * as home from '../../../src/slack/blocks/home.js';
import * as reminders from '../../../src/slack/blocks/reminders.js';
import * as followups from '../../../src/slack/blocks/followups.js';
import * as observables from '../../../src/slack/blocks/observables.js';
import * as clocks from '../../../src/slack/blocks/clocks.js';
import * as asks from '../../../src/slack/blocks/asks.js';
import * as search from '../../../src/slack/blocks/search.js';
import * as evidence from '../../../src/slack/blocks/evidence.js';

type ActionsElement = Immutable<Extract<KnownBlock, { type: 'actions' }>['elements'][number]>;
/** A message as the bot sends it: fallback text and, when it has them, blocks. */
type Message = { readonly text: string; readonly blocks?: readonly Block[] };

/** Compiles only when F returns a T; returns the builder's name for the coverage check below. */
function returns<T>() {
  return <F extends (...args: never[]) => T>(f: F): string => f.name;
}

const typed = [
  returns<Message>()(archive.archiveNotice),
  returns<Message>()(awarenessAdmin.awarenessHelp),
  returns<Message>()(awarenessAdmin.statusMessage),
  returns<Message>()(awarenessAdmin.tipPreview),
  returns<Message>()(awarenessAdmin.statsMessage),
  returns<Message>()(awareness.awarenessMessage),
  returns<readonly Message[]>()(checklist.checklistMessages),
  returns<readonly Block[]>()(checklist.stepBlocks),
  returns<Modal>()(declare.declareModal),
  returns<Message>()(decoy.decoyHelp),
  returns<Message>()(decoy.registeredMessage),
  returns<Message>()(decoy.decoyList),
  returns<Message>()(decoy.retiredMessage),
  returns<Message>()(decoy.furtherHitMessage),
  returns<Message>()(digest.digestMessage),
  returns<Message>()(help.helpMessage),
  returns<Message>()(card.incidentCard),
  returns<Modal>()(cardModals.statusModal),
  returns<Modal>()(cardModals.severityModal),
  returns<Modal>()(cardModals.roleModal),
  returns<Modal>()(cardModals.noteModal),
  returns<Message>()(incident.announcement),
  returns<Message>()(incident.escalation),
  returns<Message>()(incident.incidentDetails),
  returns<Message>()(incident.incidentList),
  returns<Message>()(openWork.openWorkPrompt),
  returns<Message>()(playbooks.playbookList),
  returns<readonly Block[]>()(playbooks.suggestionBlocks),
  returns<Message>()(playbooks.taskList),
  returns<Modal>()(promote.promoteModal),
  returns<Modal>()(review.reviewModal),
  returns<readonly Block[]>()(review.reviewPrompt),
  returns<Message>()(stats.statsMessage),
  returns<Modal>()(steps.detailsModal),
  returns<Modal>()(steps.skipModal),
  returns<Modal>()(steps.assignModal),
  returns<Modal>()(steps.doneModal),
  returns<Block>()(text.section),
  returns<Block>()(text.context),
  returns<Block>()(text.header),
  returns<ActionsElement>()(text.button),
  returns<Message>()(timeline.timelineMessage),
  returns<Message>()(message.message),
  returns<Message>()(oob.planMessage),
  returns<Message>()(oob.switchMessage),
  returns<Message>()(oob.planPostMessage),
  returns<Message>()(oob.planReminderMessage),
  returns<Message>()(edit.confirmPublicPrompt),
  returns<HomeTab>()(home.homeView),
  returns<readonly (readonly Block[])[]>()(home.layoutHomePages),
  returns<Message>()(reminders.updateReminderMessage),
  returns<Message>()(reminders.commanderNudgeMessage),
  returns<Message>()(reminders.staleListMessage),
  returns<Message>()(reminders.roleBriefMessage),
  returns<Modal>()(reminders.updateNoteModal),
  returns<Message>()(followups.followupListMessage),
  returns<Message>()(followups.reminderMessage),
  returns<Modal>()(followups.reassignModal),
  returns<Message>()(observables.observableListMessage),
  returns<Message>()(observables.observableChangeMessage),
  returns<Message>()(observables.offerMessage),
  returns<readonly Block[]>()(observables.offerBlocks),
  returns<Modal>()(observables.addObservableModal),
  returns<Message>()(clocks.clockListMessage),
  returns<Message>()(clocks.clockReminderMessage),
  returns<Message>()(asks.askMessage),
  returns<Message>()(asks.askReminderMessage),
  returns<Message>()(asks.answeredMessage),
  returns<Message>()(asks.askEscalationMessage),
  returns<Message>()(asks.answerReply),
  returns<Message>()(asks.askedReply),
  returns<Message>()(asks.askListMessage),
  returns<Message>()(search.searchMessage),
  returns<Message>()(evidence.evidenceListMessage),
  returns<Message>()(evidence.evidenceAddedMessage),
  returns<Message>()(evidence.evidenceTransferredMessage),
  returns<Message>()(evidence.evidenceCheckedMessage),
  returns<Message>()(evidence.evidenceMismatchMessage),
];

/** Exported functions that build no Block Kit (ids, parsers, text helpers, metadata codecs, file bodies). */
const NOT_BLOCK_KIT = new Set([
  'layoutPages', 'stepValue', 'parseStepValue', 'hasMoreText', 'ownerText', 'excerpt', 'encodeMetadata', 'decodeMetadata',
  'decoyDocument', 'drillPrefix', 'drillPlainPrefix', 'startValue', 'rotateWarning', 'redactedOf', 'withRotateWarning',
  'reviewRows', 'decodeReviewMetadata', 'readReviewSubmission', 'blockFor', 'decodeStepMetadata', 'decodeCardMetadata', 'chunks', 'clip', 'who',
  'channelLink', 'sevLabel', 'slackDate', 'escapeText', 'packLines', 'pendingValue', 'parsePendingValue', 'openWorkWords', 'understood',
  'followupLine', 'decodeReassignMetadata',
  'shownValue', 'observableLine', 'decodeOffer', 'decodeObservableModalMetadata',
  // clocks.ts: text for a line of a section, not blocks.
  'relative', 'deadlineLine', 'clockCardLine',
  'followupLine', 'decodeReassignMetadata', 'askLine', 'hitLine',
  'tlpLine',
  'custodianLabel', 'evidenceLine',
  // mrkdwn.ts: the escaping rule and its text helpers, not Block Kit.
  'escapeMrkdwn', 'md', 'plain', 'joinMd', 'mention', 'channelMention', 'link', 'withMentions', 'quote', 'clipMd', 'chunkMd', 'escapedByRenderer', 'Mrkdwn',
]);

describe('Block Kit builders against @slack/types', () => {
  it('types every exported builder of src/slack/blocks (a new one must be added above)', () => {
    const modules: Record<string, Record<string, unknown>> = {
      archive, 'awareness-admin': awarenessAdmin, awareness, card, 'card-modals': cardModals, checklist, 'declare-modal': declare, decoy, 'decoy-document': decoyDocument, digest, drill, help,
      incident, 'open-work': openWork, playbooks, 'promote-modal': promote, redaction, 'review-modal': review, stats, 'step-modals': steps, text, timeline, message, mrkdwn, oob, edit, followups, home, reminders, evidence, asks, search, clocks, observables,
    };
    const files = readdirSync(new URL('../../../src/slack/blocks/', import.meta.url)).map((f) => f.replace(/\.ts$/, ''));
    // block-kit.ts holds types only.
    expect(new Set(Object.keys(modules))).toEqual(new Set(files.filter((f) => f !== 'block-kit')));
    const builders = Object.values(modules).flatMap((m) => Object.entries(m).filter(([name, v]) => typeof v === 'function' && !NOT_BLOCK_KIT.has(name)).map(([name]) => name));
    expect(new Set(typed)).toEqual(new Set(builders));
  });
});
