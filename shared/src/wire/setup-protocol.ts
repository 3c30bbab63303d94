/**
 * @module The meeting set-up on the wire (the configuration page Teams opens when the app is added to a meeting):
 * the lead's choice of agenda template and of the team channel the post-meeting summary goes to. One schema for
 * the configuration page and the service.
 */
import { z } from "zod";
import { CommandId } from "../meeting/commands.js";
import { TEMPLATE_IDS, type TemplateId } from "../meeting/templates.js";

/** Teams conversation ids of teams and channels (`19:…@thread.tacv2`): printable ASCII, bounded. */
export const MAX_TEAMS_ID = 256;
export const TeamsConversationId = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_TEAMS_ID, `must be at most ${MAX_TEAMS_ID} characters`)
  .regex(/^[\x21-\x7e]+$/, "must be a Teams id (printable ASCII without spaces)");

/** A body is a handful of short ids: anything near this is not a set-up. */
export const MAX_SETUP_BODY_BYTES = 4 * 1024;
/** A team with more channels than this shows the first ones (Teams allows 1,000 per team; a picker needs far fewer). */
export const MAX_CHANNELS = 200;
export const MAX_CHANNEL_NAME = 100;

/** `PUT /api/meetings/:id/setup`: `id` is client-made (a retry sends the same one and is never applied twice). */
export const SaveSetupRequest = z.strictObject({
  id: CommandId,
  templateId: z.enum(TEMPLATE_IDS),
  /** The meeting's team (from the Teams context of a channel meeting); null when the meeting has none. */
  teamId: TeamsConversationId.nullable(),
  /** Where the summary is posted; null = no channel yet (saved without one, chosen later). */
  channelId: TeamsConversationId.nullable(),
});
export type SaveSetupRequest = z.infer<typeof SaveSetupRequest>;

export interface SummaryChannel {
  readonly teamId: string;
  readonly teamName: string;
  readonly channelId: string;
  readonly channelName: string;
}

/** What a lead saved for the meeting. */
export interface MeetingSetup {
  readonly templateId: TemplateId;
  readonly channel: SummaryChannel | null;
  readonly savedBy: { readonly userId: string; readonly name: string };
  readonly savedAt: number;
  /** Bumped by every save (ETag-written). */
  readonly revision: number;
}

export interface TeamChannel {
  readonly id: string;
  readonly name: string;
}

/**
 * Why no channel list could be offered: the meeting is not in a team (a scheduled or group chat meeting), the bot
 * is not in the team (Teams refuses to list its channels), or the team named is not the meeting's.
 */
export const TEAM_PROBLEMS = ["noTeam", "botNotInTeam", "notMeetingTeam"] as const;
export type TeamProblem = (typeof TEAM_PROBLEMS)[number];

export type SetupTeam = { readonly kind: "team"; readonly id: string; readonly name: string; readonly channels: readonly TeamChannel[] } | { readonly kind: "none"; readonly problem: TeamProblem };

/** `GET /api/meetings/:id/setup?team=<team id>`. */
export interface SetupResponse {
  /** The meeting's own set-up, or else the latest one saved in another meeting of its series (see `inheritedFrom`). */
  readonly setup: MeetingSetup | null;
  /** The meeting id whose set-up this is, when it is not this meeting's own (a recurring meeting's next occurrence). */
  readonly inheritedFrom: string | null;
  /** The template the meeting's agenda has now. */
  readonly currentTemplateId: TemplateId;
  readonly team: SetupTeam;
  /** True when the caller may save (the organizer or a presenter). */
  readonly canSave: boolean;
}

export interface SaveSetupResponse {
  readonly setup: MeetingSetup;
  /** The meeting's version after the template was applied (unchanged when it already had it). */
  readonly version: number;
  readonly duplicate: boolean;
}
