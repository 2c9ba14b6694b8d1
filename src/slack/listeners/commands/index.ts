// `/incident`: parse the text, run the subcommand, ack within Slack's 3 seconds, follow up afterwards.
import { userIdsIn } from '../people-seen.js';
import type { App } from '@slack/bolt';
import type { Actor } from '../../../core/index.js';
import { COMMAND } from '../../ids.js';
import { parseIncidentCommand, type IncidentRequest } from '../../parse/command.js';
import { finish, tellVia } from '../../respond.js';
import type { Outcome, SlackDeps } from '../../deps.js';
import { declareFromText, openDeclareModal } from './incident/declare.js';
import { assign, severity, status, unassign } from './incident/change.js';
import { correct, help, list, note, show } from './incident/read.js';
import { playbook, playbooks, tasks } from './incident/playbooks.js';
import { followups } from './incident/followups.js';
import { ioc } from './incident/observables.js';
import { clocks } from './incident/clocks.js';
import { remind } from './incident/remind.js';
import { tlp } from './incident/tlp.js';
import { review } from './incident/review.js';
import { report, timeline } from './incident/report.js';
import { stats } from './incident/stats.js';
import { verify } from './incident/verify.js';
import { oob } from './incident/oob.js';
import { edit } from './incident/edit.js';
import { ask, asks } from './incident/asks.js';
import { search } from './incident/search.js';
import { evidence } from './incident/evidence.js';

/** Registers the slash command. */
export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client, context }) => {
    const actor: Actor = { id: command.user_id, source: 'slack-command', channelId: command.channel_id };
    await finish(
      deps,
      ack,
      () => run(deps, actor, parseIncidentCommand(command.text), command.trigger_id, context.botUserId),
      { client, tell: tellVia(respond) },
      { what: `${COMMAND} ${command.text.split(/\s+/)[0] ?? ''}`, user: command.user_id, people: userIdsIn({ text: command.text }) },
    );
  });
}

async function run(deps: SlackDeps, actor: Actor, req: IncidentRequest, triggerId: string, botUserId?: string): Promise<Outcome> {
  switch (req.sub) {
    case 'help':
      return help(deps);
    case 'declare-modal':
      return openDeclareModal(deps, triggerId, actor.channelId ?? '');
    case 'declare':
      return declareFromText(deps, actor, req);
    case 'list':
      return list(deps, actor, req);
    case 'show':
      return show(deps, actor, req);
    case 'status':
      return status(deps, actor, req);
    case 'severity':
      return severity(deps, actor, req);
    case 'assign':
      return assign(deps, actor, req);
    case 'unassign':
      return unassign(deps, actor, req);
    case 'note':
    case 'lesson':
      return note(deps, actor, req);
    case 'correct':
      return correct(deps, actor, req);
    case 'playbooks':
      return playbooks(deps);
    case 'playbook':
      return playbook(deps, actor, req);
    case 'tasks':
      return tasks(deps, actor, req);
    case 'followups':
      return followups(deps, actor, req);
    case 'clocks':
      return clocks(deps, actor, req);
    case 'remind':
      return remind(deps, actor, req);
    case 'tlp':
      return tlp(deps, actor, req);
    case 'review':
      return review(deps, actor, req, triggerId);
    case 'timeline':
      return timeline(deps, actor, req);
    case 'report':
      return report(deps, actor, req);
    case 'stats':
      return stats(deps, actor, req);
    case 'verify':
      return verify(deps, actor, req);
    case 'oob':
      return oob(deps, actor, req, botUserId);
    case 'edit':
      return edit(deps, actor, req);
    case 'ioc':
      return ioc(deps, actor, req, triggerId);
    case 'ask':
      return ask(deps, actor, req);
    case 'asks':
      return asks(deps, actor, req);
    case 'search':
      return search(deps, actor, req);
    case 'evidence':
      return evidence(deps, actor, req);
  }
}
