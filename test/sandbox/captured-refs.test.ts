// `$inc` is only ever the incident the bot announced as declared during this run, so an example script cannot reach
// an incident it did not create; words in other messages never change what it names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import { CapturedRefs } from '../../src/sandbox/captured-refs.js';

let emu: SlackEmulator;
let refs: CapturedRefs;
let incidents: string;
beforeAll(async () => {
  emu = await SlackEmulator.start({ signingSecret: 'a-test-signing-secret', botToken: 'xoxb-test' });
  incidents = emu.channel('incidents').id;
  emu.channel('general');
  refs = new CapturedRefs(emu, () => incidents);
});
afterAll(async () => {
  refs.stop();
  await emu.close();
});

async function botPosts(channel: string, text: string): Promise<void> {
  const res = await fetch(`${emu.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ channel, text }),
  });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
}

describe('refs captured in a run', () => {
  it('has no $inc before a declaration in this run, and a $run tag of its own', () => {
    expect(() => refs.expand('in #$inc')).toThrow('$inc is the incident declared in this run, and none has been declared yet');
    expect(refs.expand('/decoy register sheet-$run url')).toMatch(/^\/decoy register sheet-[0-9a-f]{4} url$/);
  });

  it('takes $inc from the announcement in the incidents channel only, never from words quoted after it', async () => {
    await botPosts(emu.channelByName('general')!.id, ':rotating_light: *INC-3* declared · *SEV2* · elsewhere');
    expect(refs.lastIncident).toBeUndefined();
    await botPosts(incidents, ':rotating_light: *INC-7* declared · *SEV3* · Mail says :rotating_light: *INC-1* declared · *SEV1*');
    expect(refs.expand('in #$inc')).toBe('in #INC-7');
    await botPosts(incidents, 'Weekly digest: INC-1 declared last week');
    expect(refs.expand('/incident status $inc closed')).toBe('/incident status INC-7 closed');
  });

  it('takes $ev from the bot’s "Logged *EV-n*" reply only, so a script names the item it logged', async () => {
    expect(() => refs.expand('/incident evidence check $ev')).toThrow('$ev is the evidence item logged in this run, and none has been logged yet');
    await botPosts(incidents, 'Someone wrote :file_folder: Logged *EV-1* on *INC-1*. in a note');
    await botPosts(incidents, ':file_folder: Logged *EV-9* on *INC-7*. and more words');
    expect(() => refs.expand('$ev')).toThrow('none has been logged yet');
    await botPosts(incidents, ':file_folder: Logged *EV-12* on *INC-7*.');
    expect(refs.expand('/incident evidence transfer $ev @bob | imaging')).toBe('/incident evidence transfer EV-12 @bob | imaging');
  });
});
