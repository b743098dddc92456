/**
 * Channels: how answers came (a person's own phone or computer, a ward tablet, a paper form).
 * Different channels give different answers, and national surveys report them apart, so charts
 * and exports can show one channel. Shown alone, a channel's count must not let a suppressed count
 * be worked out by subtraction from the all-channels figure the same user can see; this module
 * decides which channel counts of a period may be shown.
 */

import { DEFAULT_MIN_RESPONSES, assertValidMinResponses, isSuppressed } from "./suppression";

export const CHANNELS = ["all", "own-phone", "ward-tablet", "paper"] as const;
export type ChannelFilter = (typeof CHANNELS)[number];
export type Channel = Exclude<ChannelFilter, "all">;

export const CHANNEL_LABELS: Record<ChannelFilter, string> = {
  all: "All channels",
  "own-phone": "Own phone or computer",
  "ward-tablet": "Ward tablet",
  paper: "Paper forms",
};

/**
 * Which channels of one period are withheld. A channel with too few responses is suppressed, as
 * any count is. Then, since the all-channels count of the period is shown, the suppressed channels
 * together could be worked out as the total minus the channels shown: while what they add up to is
 * itself too few (more than none, fewer than the minimum), the smallest channel still shown is
 * withheld too, until the withheld channels together are none, or enough that nothing smaller can
 * be recovered.
 */
export function withheldChannels(responses: Readonly<Record<Channel, number>>, minResponses: number = DEFAULT_MIN_RESPONSES): Set<Channel> {
  assertValidMinResponses(minResponses);
  const channels = Object.keys(responses) as Channel[];
  const withheld = new Set(channels.filter((channel) => isSuppressed(responses[channel], minResponses)));
  const total = () => [...withheld].reduce((sum, channel) => sum + responses[channel], 0);
  while (isSuppressed(total(), minResponses)) {
    const next = channels
      .filter((channel) => !withheld.has(channel) && responses[channel] > 0)
      .sort((a, b) => responses[a] - responses[b] || CHANNELS.indexOf(a) - CHANNELS.indexOf(b))[0];
    if (!next) break;
    withheld.add(next);
  }
  return withheld;
}
