// `alert …` in the sandbox (parsed in script.ts): another tool posting an alert to the bot's own POST /api/v1/alerts,
// as a real HTTP request with a bearer token. The sandbox's own alert source ("sandbox") is created on first use in a
// run; its token is never shown again, so a source left by an earlier run is revoked and made anew. The transcript shows
// the HTTP answer: the incident opened or joined, or the refusal with the field it names.
import type { Core } from '../core/index.js';
import { withTimeout } from './line-errors.js';
import type { AlertLine } from './script.js';

/** The source the sandbox posts as. */
export const SANDBOX_SOURCE = 'sandbox';
const OPERATOR = { id: 'cli', source: 'cli' } as const;

/** Posts sandbox alerts to the running bot, creating the sandbox's source on first use. */
export class SandboxAlerts {
  private token: string | undefined;

  constructor(private readonly bot: () => { url: string; core: Core } | undefined) {}

  /** Sends one alert and returns the transcript lines saying what the bot answered. */
  async send(line: AlertLine): Promise<string[]> {
    const bot = this.bot();
    if (!bot) return ['· the bot is not running'];
    const made = this.token === undefined;
    const token = (this.token ??= await this.sourceToken(bot.core));
    const res = await withTimeout(
      fetch(`${bot.url}/api/v1/alerts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(line.body) }),
      'POST /api/v1/alerts never answered',
    );
    const json = (await res.json()) as Record<string, unknown>;
    const head = made ? [`· alert source "${SANDBOX_SOURCE}" created for this run (its token stays in the sandbox)`] : [];
    if (res.ok) return [...head, `· POST /api/v1/alerts: HTTP ${res.status}, ${json.joined ? 'joined' : 'opened'} ${String(json.incident)} (${String(json.status)}), alert ${String(json.alert_id)}`];
    const field = typeof json.field === 'string' && json.field !== '' ? ` [${json.field}]` : '';
    return [...head, `· POST /api/v1/alerts: HTTP ${res.status} ${String(json.error)}${field}: ${String(json.message)}`];
  }

  // The token of an earlier run's source is gone (only its hash was kept): that source is revoked and a new one made.
  private async sourceToken(core: Core): Promise<string> {
    if ((await core.alerts.listSources(OPERATOR)).some((s) => s.name === SANDBOX_SOURCE)) await core.alerts.revokeSource(OPERATOR, SANDBOX_SOURCE);
    return (await core.alerts.createSource(OPERATOR, SANDBOX_SOURCE)).token;
  }
}
