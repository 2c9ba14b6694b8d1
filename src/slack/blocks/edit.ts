// Messages about edits: the confirmation asked before a private incident is made public.
import { BUTTON } from '../ids.js';
import { message } from './message.js';
import { button, context, md, section } from './text.js';

/** The ephemeral question before making `ref` public: Confirm does it (the button handler), Cancel does nothing. */
export function confirmPublicPrompt(ref: string) {
  const text = md`:warning: Make *${ref}* public? Its title, type and details will be visible to everyone in the workspace, in \`/incident list\` and \`show\`, and in its announcement.`;
  return message(text, [
    section(text),
    context(md`Its channel stays as it is in Slack. Nothing changes until you confirm.`),
    { type: 'actions' as const, elements: [button(`Make ${ref} public`, BUTTON.confirmPublic, ref, 'danger'), button('Cancel', BUTTON.cancelEdit, ref)] },
  ]);
}
