// The floor Rampart is measured against (issue 17): a bare Bolt app, the same @slack/bolt and HTTP receiver, that
// answers `/incident` with one Postgres insert and acknowledges message events, and nothing else (no request gate,
// redaction, timeline or outbox). bench/suite runs it as its own process, compiled to plain JavaScript so that, like
// Rampart's `npm start`, no TypeScript loader sits in its memory. It is a benchmark fixture, not part of Rampart, so it
// reads its three settings straight from the environment: PORT, SLACK_SIGNING_SECRET, DATABASE_URL.
import { App } from '@slack/bolt';
import pg from 'pg';

const { PORT, SLACK_SIGNING_SECRET, DATABASE_URL } = process.env;
if (!PORT || !SLACK_SIGNING_SECRET || !DATABASE_URL) throw new Error('bare-bolt needs PORT, SLACK_SIGNING_SECRET and DATABASE_URL');

// As many connections as Rampart's pool, so the insert has the same room.
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
await pool.query('create table if not exists bare_declares (id serial primary key, title text not null, user_id text not null, declared_at timestamptz not null default now())');

const app = new App({
  signingSecret: SLACK_SIGNING_SECRET,
  token: 'xoxb-bare-bolt',
  // No Slack to ask (the benchmark only sends it requests): with the bot's ids given, Bolt never calls auth.test.
  tokenVerificationEnabled: false,
  botId: 'B0BAREBOLT',
  botUserId: 'U0BAREBOLT',
  customRoutes: [
    {
      // Healthy once the database answers, as Rampart's /healthz.
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        pool.query('select 1').then(
          () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
          () => res.writeHead(503).end(),
        );
      },
    },
  ],
});

app.command('/incident', async ({ command, ack }) => {
  const { rows } = await pool.query<{ id: number }>('insert into bare_declares (title, user_id) values ($1, $2) returning id', [command.text, command.user_id]);
  // The same words as Rampart's reply, so the benchmark checks both the same way.
  await ack({ response_type: 'ephemeral', text: `*INC-${rows[0]!.id}* is recorded` });
});

// Bolt acknowledges an Events API delivery before its listeners run; this one has nothing to do.
app.message(async () => {});

await app.start(Number(PORT));
process.once('SIGTERM', () => {
  void Promise.all([app.stop(), pool.end()]).finally(() => process.exit(0));
});
