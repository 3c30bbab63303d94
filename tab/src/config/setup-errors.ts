/** @module The set-up's refusals in the user's language, each with what to do next; anything else as the panel words it. */
import type { MessageKey } from "../../../shared/src/i18n/format.js";
import type { ApiError } from "../api/api-error.js";
import { errorMessage } from "../errors/error-message.js";

const SETUP: Readonly<Record<string, MessageKey>> = {
  forbidden: "setup.error.forbidden",
  channelNotInTeam: "setup.error.channelNotInTeam",
  otherTeam: "setup.error.otherTeam",
  botNotInTeam: "setup.error.botNotInTeam",
  channelWithoutTeam: "setup.error.invalid",
  invalidSetup: "setup.error.invalid",
  badTeamId: "setup.error.otherTeam",
};

export function setupErrorMessage(error: Pick<ApiError, "kind" | "status" | "code">): { readonly key: MessageKey; readonly params?: Readonly<Record<string, string | number>> } {
  const key = Object.hasOwn(SETUP, error.code) ? SETUP[error.code] : undefined;
  return key ? { key } : errorMessage(error);
}
