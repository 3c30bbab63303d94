/** @module Who a shared chat card is refreshed for: the author first, the leads before the other members, never more than Teams' 60. */
import { describe, expect, it } from "vitest";
import type { Role } from "../../../shared/src/auth/capabilities.js";
import { cardViewers, orderViewers, REFRESH_USERS_MAX } from "./card-viewers.js";
import type { RoleSource } from "./roles.js";

const people = (n: number) => Array.from({ length: n }, (_, i) => ({ userId: `u${i + 1}`, name: `Person ${i + 1}` }));
const rolesOf = (leads: readonly string[], asked: string[] = []): RoleSource => ({
  roleOf: async (_ref, userId): Promise<Role | null> => {
    asked.push(userId);
    return leads.includes(userId) ? "Presenter" : "Attendee";
  },
});
const where = { tenantId: "t", seriesId: "19:chat@thread.v2", meetingId: "m" };

describe("the viewers a shared card is refreshed for", () => {
  it("orders the author first, then the leads, then everyone else, each once", () => {
    expect(orderViewers(["a"], ["l"], ["x", "a", "l", "y"])).toEqual(["a", "l", "x", "y"]);
  });

  it("a chat of up to 60 gets everyone, without asking Teams for roles", async () => {
    const asked: string[] = [];
    const ids = await cardViewers(async () => people(59), rolesOf([], asked))(where, ["author"]);
    expect(ids).toHaveLength(60);
    expect(ids[0]).toBe("author");
    expect(asked).toEqual([]);
  });

  it("a chat of 150: the author and the leads are among the 60, even leads far down the member list", async () => {
    const ids = await cardViewers(async () => people(150), rolesOf(["u120", "u149"]))(where, ["author"]);
    expect(ids).toHaveLength(REFRESH_USERS_MAX);
    expect(ids.slice(0, 3)).toEqual(["author", "u120", "u149"]);
  });

  it("Teams not answering costs only the members: the author still gets their view", async () => {
    const ids = await cardViewers(async () => {
      throw new Error("Teams is down");
    }, rolesOf([]))(where, ["author"]);
    expect(ids).toEqual(["author"]);
  });
});
