// Requests for another workspace, org or app sharing the request URL (one app installed in several workspaces signs
// them all with one secret) are acked with nothing done; what our installation is comes from auth.test at start-up
// and SLACK_APP_ID. Each kind of payload is read where Bolt reads it, including Enterprise Grid org-wide installs.
import { randomBytes } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { beforeEach, describe, expect, it } from 'vitest';
import { startRampart } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import { APP_ID, TEAM_ID } from '../../src/sandbox/emulator/constants.js';
import { eventCallback, slashCommandForm, viewSubmission } from '../../src/sandbox/emulator/payloads.js';
import { foreignRequestProblem, installationFrom, type Installation } from '../../src/slack/installation.js';
import { allEvents, channelOf, CLI, requestCalls } from '../support/slack-state.js';
import { warningLog } from '../support/warnings.js';
import { useTestBot } from '../support/slack.js';
import { createTestDatabase } from '../support/db.js';

const workspace: Installation = { teamId: 'T1', isEnterpriseInstall: false, appId: 'A1' };
const orgWide: Installation = { teamId: 'E1', enterpriseId: 'E1', isEnterpriseInstall: true, appId: 'A1' };

/** One body of each kind, for a team, an org and an app. */
function bodies(team: string, enterprise: string | null, app: string) {
  return {
    command: { command: '/incident', team_id: team, ...(enterprise ? { enterprise_id: enterprise } : {}), api_app_id: app },
    blockActions: { type: 'block_actions', team: { id: team, ...(enterprise ? { enterprise_id: enterprise } : {}) }, enterprise: enterprise ? { id: enterprise } : null, user: { id: 'U1', team_id: team }, api_app_id: app, actions: [] },
    viewSubmission: { type: 'view_submission', team: { id: team }, enterprise: enterprise ? { id: enterprise } : null, user: { id: 'U1', team_id: team }, api_app_id: app, view: { callback_id: 'x' } },
    // Shortcut payloads carry no api_app_id.
    shortcut: { type: 'shortcut', team: { id: team, ...(enterprise ? { enterprise_id: enterprise } : {}) }, user: { id: 'U1', team_id: team }, callback_id: 'x' },
    event: { type: 'event_callback', team_id: team, api_app_id: app, event: { type: 'pin_added' }, authorizations: [{ team_id: team, enterprise_id: enterprise, is_enterprise_install: false }] },
  };
}

describe('which installation a request is for', () => {
  it('passes every kind of request from this workspace and app', () => {
    for (const [kind, body] of Object.entries(bodies('T1', null, 'A1'))) expect(foreignRequestProblem(body, workspace), kind).toBeUndefined();
  });

  it('refuses every kind of request from another workspace, naming it', () => {
    for (const [kind, body] of Object.entries(bodies('T2', null, 'A1'))) expect(foreignRequestProblem(body, workspace), kind).toMatch(/workspace T2/);
  });

  it('refuses a request naming another app, and one naming no workspace', () => {
    for (const [kind, body] of Object.entries(bodies('T1', null, 'A2'))) {
      if (kind === 'shortcut') continue;
      expect(foreignRequestProblem(body, workspace), kind).toMatch(/app A2/);
    }
    expect(foreignRequestProblem({ command: '/incident', api_app_id: 'A1' }, workspace)).toMatch(/workspace \(none\)/);
    // Without SLACK_APP_ID the app is not checked; the workspace still is.
    expect(foreignRequestProblem(bodies('T1', null, 'A2').command, { teamId: 'T1', isEnterpriseInstall: false })).toBeUndefined();
  });

  it('reads an event’s installation from its authorizations, and a Slack Connect view from app_installed_team_id', () => {
    // In a channel shared with another org, the event happened in their workspace but is delivered to our installation.
    expect(foreignRequestProblem({ ...bodies('T9', null, 'A1').event, authorizations: [{ team_id: 'T1', enterprise_id: null }] }, workspace)).toBeUndefined();
    expect(foreignRequestProblem({ ...bodies('T1', null, 'A1').event, authorizations: [{ team_id: 'T9', enterprise_id: null }] }, workspace)).toMatch(/T9/);
    const connect = { ...bodies('T-other-side', 'E-other-side', 'A1').viewSubmission, view: { callback_id: 'x', app_installed_team_id: 'T1' } };
    expect(foreignRequestProblem(connect, workspace)).toBeUndefined();
  });

  it('serves every workspace of the org for an org-wide install, and no other org', () => {
    for (const team of ['T1', 'T7']) {
      for (const [kind, body] of Object.entries(bodies(team, 'E1', 'A1'))) expect(foreignRequestProblem(body, orgWide), `${kind} ${team}`).toBeUndefined();
    }
    for (const [kind, body] of Object.entries(bodies('T1', 'E2', 'A1'))) expect(foreignRequestProblem(body, orgWide), kind).toMatch(/org E2/);
    for (const [kind, body] of Object.entries(bodies('T1', null, 'A1'))) expect(foreignRequestProblem(body, orgWide), kind).toMatch(/org \(none\)/);
  });

  it('passes requests that name no installation (url_verification, ssl_check)', () => {
    expect(foreignRequestProblem({ type: 'url_verification', challenge: 'c' }, workspace)).toBeUndefined();
    expect(foreignRequestProblem({ ssl_check: '1', token: 'x' }, workspace)).toBeUndefined();
  });

  it('takes the installation from auth.test’s answer', () => {
    expect(installationFrom({ team_id: 'T1', is_enterprise_install: false }, 'A1')).toEqual(workspace);
    expect(installationFrom({ team_id: 'E1', enterprise_id: 'E1', is_enterprise_install: true })).toEqual({ teamId: 'E1', enterpriseId: 'E1', isEnterpriseInstall: true });
  });
});

describe('the running bot and the emulator', () => {
  const log = warningLog();
  const warnings = log.warnings;
  const bot = useTestBot({ logger: log.logger });
  beforeEach(() => {
    // Each test counts its own warnings: cleared after the bot's reset, which lets the last test's work finish first.
    warnings.length = 0;
  });

  it('the emulator’s auth.test names the workspace and app its payloads carry', async () => {
    const auth = await new WebClient('xoxb-test-token', { slackApiUrl: bot.emu.apiUrl }).auth.test();
    expect([auth.team_id, auth.is_enterprise_install]).toEqual([TEAM_ID, false]);
    expect([bot.emu.teamId, bot.emu.appId]).toEqual([TEAM_ID, APP_ID]);
    const form = new URLSearchParams(slashCommandForm({ user: bot.lead, channel: bot.general, command: '/incident', text: 'help', responseUrl: 'x', triggerId: 't' }));
    expect([form.get('team_id'), form.get('api_app_id')]).toEqual([TEAM_ID, APP_ID]);
    const event = eventCallback({ type: 'pin_added' }, 'Ev1', 1);
    expect([event.team_id, event.api_app_id, (event.authorizations as { team_id: string }[])[0]!.team_id]).toEqual([TEAM_ID, APP_ID, TEAM_ID]);
    const view = viewSubmission({ user: bot.lead, viewJson: {}, triggerId: 't' });
    expect([(view.team as { id: string }).id, view.api_app_id]).toEqual([TEAM_ID, APP_ID]);
  });

  /** The emulator's own requests, moved to another workspace or app. */
  const declare = (fields: Record<string, string>) => {
    const form = new URLSearchParams(slashCommandForm({ user: bot.lead, channel: bot.general, command: '/incident', text: 'declare From elsewhere --sev1 --public', responseUrl: `${bot.emu.apiUrl}unused`, triggerId: '1.2.3' }));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return bot.emu.sendRaw({ body: form.toString(), contentType: 'application/x-www-form-urlencoded' });
  };

  it('acks a validly signed command from another workspace or app with a plain reply, writes nothing, and logs it', async () => {
    const elsewhere: Record<string, string>[] = [{ team_id: 'T0OTHER' }, { api_app_id: 'A0OTHER' }, { team_id: 'T0OTHER', enterprise_id: 'E0OTHER' }];
    for (const fields of elsewhere) {
      const reply = await declare(fields);
      expect(reply.status).toBe(200);
      expect((reply.json as { text: string }).text).toBe(':warning: This Rampart is installed for another Slack workspace or app, so nothing was done.');
    }
    await bot.rampart.idle();
    expect(await bot.rampart.core.list(CLI, 'all')).toEqual([]);
    expect(requestCalls(bot)).toEqual([]);
    expect(warnings).toEqual([
      'Slack request for another workspace or app refused; nothing was done: workspace T0OTHER is not this installation\'s',
      'Slack request for another workspace or app refused; nothing was done: app A0OTHER is not this installation\'s',
      'Slack request for another workspace or app refused; nothing was done: workspace T0OTHER is not this installation\'s',
    ]);
    // The same command from our own workspace and app goes through (so the refusals above are about the ids).
    expect((await declare({})).status).toBe(200);
    await bot.rampart.idle();
    expect(await bot.rampart.core.list(CLI, 'all')).toHaveLength(1);
  });

  it('acks an event and an interaction from another workspace with 200 and nothing done', async () => {
    await bot.incident('declare Existing incident --sev3 --public');
    const channel = await channelOf(bot);
    const message = bot.emu.postAsUser(bot.lead.id, channel.id, 'would be copied');
    const eventsBefore = await allEvents(bot);
    const callsBefore = bot.emu.calls.length;
    const pin = { type: 'pin_added', user: bot.lead.id, channel_id: channel.id, item: { type: 'message', channel: channel.id, message: { type: 'message', user: bot.lead.id, text: 'would be copied', ts: message.ts } }, event_ts: '1.2' };
    const foreignEvent = { ...eventCallback(pin, 'EvOTHER1', 1), team_id: 'T0OTHER', authorizations: [{ enterprise_id: null, team_id: 'T0OTHER', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }] };
    const event = await bot.emu.sendRaw({ body: JSON.stringify(foreignEvent), contentType: 'application/json' });
    const declareView = {
      id: 'V1',
      callback_id: 'declare_incident',
      private_metadata: '',
      state: { values: { title: { title_input: { type: 'plain_text_input', value: 'Declared from elsewhere' } }, severity: { severity_select: { type: 'static_select', selected_option: { value: 'sev2' } } } } },
    };
    const submission = { ...viewSubmission({ user: bot.lead, viewJson: declareView, triggerId: '1.2.3' }), team: { id: 'T0OTHER', domain: 'other' } };
    const view = await bot.emu.sendRaw({ body: new URLSearchParams({ payload: JSON.stringify(submission) }).toString(), contentType: 'application/x-www-form-urlencoded' });
    expect([event.status, view.status]).toEqual([200, 200]);
    await bot.rampart.idle();
    expect(await allEvents(bot)).toEqual(eventsBefore);
    expect((await bot.rampart.core.list(CLI, 'all')).map((v) => v.incident.ref)).toEqual(['INC-1']);
    expect(bot.emu.calls.length).toBe(callsBefore);
    expect(warnings).toHaveLength(2);
  });
});

describe('Socket Mode', () => {
  it('checks the workspace and app too: a bot configured as another app does nothing for this one’s command', async () => {
    const emu = await SlackEmulator.start({ signingSecret: randomBytes(16).toString('hex'), botToken: 'xoxb-test-token', appToken: 'xapp-1-A0RAMPART-1-test', socketMode: true });
    const database = await createTestDatabase();
    const lead = emu.user('lead');
    const general = emu.channel('general');
    general.members.push(lead.id);
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_APP_TOKEN: 'xapp-1-A0RAMPART-1-test', SLACK_APP_ID: 'A0ELSEWHERE', SLACK_API_URL: emu.apiUrl, PORT: '0', HOST: '127.0.0.1', METRICS_PORT: 'off', RESPONDERS: lead.id });
    const rampart = await startRampart(config, { database, slackRetries: 0, logger: createLogger('silent'), scheduler: false });
    try {
      await emu.waitFor(() => emu.socketConnections === 1);
      const reply = await emu.slashCommand({ user: lead.id, channel: general.id, command: '/incident', text: 'declare Over the socket --sev2' });
      expect(reply.via).toBe('socket');
      expect((reply.json as { text: string }).text).toMatch(/installed for another Slack workspace or app/);
      await rampart.idle();
      expect(await rampart.core.list(CLI, 'all')).toEqual([]);
    } finally {
      await rampart.stop();
      await emu.waitFor(() => emu.socketConnections === 0);
      await emu.close();
      await database.close();
    }
  });
});
