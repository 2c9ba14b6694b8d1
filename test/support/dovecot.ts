// A private Dovecot IMAP server for the mailbox tests: its own config, passwd file and Maildir in a temp dir, plain
// IMAP on 127.0.0.1 and a free port, no TLS. The system service (if any) is left alone. Tests skip with a note where
// Dovecot is not installed (`.ci/run` installs it).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { freePort } from './bot-process.js';

/** Where Debian's dovecot-core puts the server. */
export const DOVECOT = '/usr/sbin/dovecot';

/** Why no private Dovecot can run here, or undefined when it can. */
export function dovecotUnavailable(): string | undefined {
  return existsSync(DOVECOT) ? undefined : `no ${DOVECOT}: install Dovecot (apt-get install -y dovecot-imapd) to run the IMAP tests`;
}

/** A running private Dovecot and the one test account on it. */
export interface PrivateDovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Stops it and removes its files; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts Dovecot in the foreground (-F) under a config of its own; resolves once it accepts connections. */
export async function startDovecot(): Promise<PrivateDovecot> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rampart-dovecot-'));
  const port = await freePort();
  const user = 'reports';
  const password = 'test-password';
  // Dovecot never gives mail access to root: as root the mail processes run as `nobody`, who must own the Maildir.
  const me = userInfo();
  const asRoot = me.uid === 0;
  const mailUid = asRoot ? 65534 : me.uid;
  const mailGid = asRoot ? 65534 : me.gid;
  // Dovecot's auth process (its own user when started as root) reads the passwd file here.
  chmodSync(dir, 0o755);
  const home = path.join(dir, 'home');
  mkdirSync(home);
  if (asRoot) chownSync(home, mailUid, mailGid);
  writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      // Its log on stderr: the master's "starting up" line, written once its listeners are bound, says it is ready.
      'log_path = /dev/stderr',
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `first_valid_uid = ${mailUid}`,
      // Not root: Dovecot's own processes run as the calling user (it cannot switch to dovecot/dovenull).
      ...(asRoot ? [] : [`default_internal_user = ${me.username}`, `default_login_user = ${me.username}`, 'default_internal_group = ' + me.username]),
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/passwd\n}`,
      `userdb {\n  driver = static\n  args = uid=${mailUid} gid=${mailGid} home=${home}/%u\n}`,
      'mail_location = maildir:~/Maildir:LAYOUT=fs',
      'namespace inbox {\n  inbox = yes\n  separator = /\n}',
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      // Small and quick to stop: one login process per connection, none kept waiting.
      'service anvil {\n  chroot =\n}',
      'shutdown_clients = yes',
      '',
    ].join('\n'),
  );
  const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await startedUp(child);
  } catch (err) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves on the master's "starting up" log line (its listeners are bound by then); rejects, with its output, if it exits first. */
function startedUp(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const seen = (d: Buffer) => {
      output += d.toString();
      if (/master: Info: Dovecot v\S+ .*starting up/.test(output)) resolve();
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    child.once('exit', (code) => reject(new Error(`dovecot exited with ${code} before starting up:\n${output}`)));
  });
}

/** Stops Dovecot; SIGKILL only if it has not exited 5 s after SIGTERM (a hung server must not outlive the test run). */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

