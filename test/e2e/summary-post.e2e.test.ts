/**
 * Browser end-to-end for posting the summary: on the local meeting page the lead opens Summary, posts it, and the card
 * appears in the page's channel pane (drawn by the real Adaptive Cards renderer); after a section is renamed, the lead
 * updates the post and the same card changes in place — still one message in the channel.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LOCAL_TEAM } from "../../bot/src/local/connector-stub.js";
import { LOCAL_CHAT_ID, LOCAL_MEETING_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { SetupStore } from "../../bot/src/storage/setup-store.js";
import { MeetingCommand } from "../../shared/src/meeting/commands.js";
import { browserSuite, localAttendee, PANEL_BUILD, startLocalApp } from "./meeting-page.js";

const ORGANIZER = localAttendee("Organizer");
const RESULTS = "19:local-okr-results@thread.tacv2";
const REF = { tenantId: LOCAL_TENANT_ID, meetingId: LOCAL_MEETING_ID };

const suite = browserSuite({ built: PANEL_BUILD });

describe("posting the summary to the channel", () => {
  it("the lead posts, sees the card in the channel pane; renames a section, updates the post, the same card changes in place", async () => {
    suite.app = await startLocalApp();
    await new SetupStore(suite.app.tables.meetings).save(REF, LOCAL_CHAT_ID, `save-${randomUUID()}`, {
      templateId: "teamWeekly60",
      channel: { teamId: LOCAL_TEAM.id, teamName: LOCAL_TEAM.name, channelId: RESULTS, channelName: "Results" },
      savedBy: { userId: ORGANIZER.userId, name: ORGANIZER.name },
    });
    const meeting = await suite.open({ users: [ORGANIZER.userId] });
    const lead = meeting.panel(ORGANIZER.userId);
    await lead.ready();
    await lead.testId("summary-toggle").press("Enter");
    await lead.testId("summary-preview").waitFor({ state: "visible", timeout: 10_000 });

    await lead.testId("summary-post").focus();
    await lead.testId("summary-post").press("Enter");
    const posts = meeting.page.locator('[data-testid="channel-post"]');
    await posts.first().locator(".ac-adaptiveCard").waitFor({ state: "visible", timeout: 10_000 });
    expect(await posts.count()).toBe(1);
    const activityId = await posts.first().getAttribute("data-activity-id");
    await lead.testId("summary-post-info").waitFor({ state: "visible", timeout: 10_000 });
    expect(await lead.testId("summary-post").textContent()).toMatch(/Oppdater innlegget|Update the post|Uppdatera inlägget/);

    const renamed = await suite.app.store.execute(REF, MeetingCommand.parse({ id: `cmd-${randomUUID()}`, type: "renameSection", sectionId: "goodNews", title: "Gladnyheter uke 50" }));
    expect(renamed.ok).toBe(true);
    await lead.testId("summary-post").press("Enter");
    await meeting.page.locator('[data-testid="channel-post"]', { hasText: "Gladnyheter uke 50" }).waitFor({ state: "visible", timeout: 10_000 });
    expect(await posts.count()).toBe(1);
    expect(await posts.first().getAttribute("data-activity-id")).toBe(activityId);
  });
});
