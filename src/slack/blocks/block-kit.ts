// Slack's own Block Kit types (@slack/types), read-only because the builders build with `as const`. Where a
// builder names its return type it uses these, and test/slack/blocks/slack-types.test.ts checks every builder.
import type { HomeView, KnownBlock, ModalView } from '@slack/types';

/** T with every property and array read-only, all the way down. */
export type Immutable<T> = T extends (infer U)[] ? readonly Immutable<U>[] : T extends object ? { readonly [K in keyof T]: Immutable<T[K]> } : T;

/** A block as @slack/types describes it. */
export type Block = Immutable<KnownBlock>;

/** A modal view as @slack/types describes it. */
export type Modal = Immutable<ModalView>;

/** A Home tab view as @slack/types describes it. */
export type HomeTab = Immutable<HomeView>;
