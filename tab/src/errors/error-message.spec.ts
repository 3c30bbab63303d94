/** @module Every error the service can send reads as a clear sentence in all three languages. */
import { describe, expect, it } from "vitest";
import { DOMAIN_ERROR_CODES } from "../../../shared/src/meeting/errors.js";
import { t } from "../../../shared/src/i18n/index.js";
import { errorMessage } from "./error-message.js";

const http = (status: number, code: string) => ({ kind: "http" as const, status, code });

describe("errorMessage", () => {
  it("has its own message for every domain rule", () => {
    const keys = DOMAIN_ERROR_CODES.map((code) => errorMessage(http(409, code)).key);
    expect(new Set(keys).size).toBe(DOMAIN_ERROR_CODES.length);
  });

  it("tells a lead at the last section to end the meeting instead", () => {
    expect(t("en", errorMessage(http(409, "noNextSection")).key)).toBe("This is the last section — end the meeting instead.");
  });

  it("tells an attendee who may not drive the agenda who can", () => {
    expect(t("en", errorMessage(http(403, "forbidden")).key)).toBe("Only the organizer or a presenter can run the agenda.");
    expect(t("nb", errorMessage(http(403, "somethingNew")).key)).toBe("Bare arrangøren eller en presentatør kan styre agendaen.");
  });

  it("asks for a reload when the sign-in expired", () => {
    expect(t("sv", errorMessage(http(401, "unauthenticated")).key)).toContain("Läs in panelen igen");
  });

  it("names the limits a user can run into, in their language, with what to do", () => {
    expect(t("nb", errorMessage(http(429, "rateLimited")).key)).toBe("Mange endringer på kort tid, så denne ble ikke lagret. Vent litt og prøv igjen.");
    expect(t("sv", errorMessage(http(429, "tooManyStreams")).key)).toContain("för många fönster");
    const full = errorMessage(http(409, "authorFull"));
    expect(t("en", full.key, full.params)).toBe("You already have 30 open SIR items in this series. Finish or withdraw one first.");
    expect(t("nb", full.key, full.params)).toContain("30 åpne SIR-saker");
  });

  it("says we keep trying when the network is down", () => {
    const m = errorMessage({ kind: "network", status: 0, code: "network" });
    expect(m.intent).toBe("warning");
    expect(t("en", m.key)).toBe("Can't reach the service. Check your connection; we keep trying.");
  });

  it("says in the user's language that storage is down and the change was not saved, not the service's English text", () => {
    const m = errorMessage(http(503, "storageUnavailable"));
    expect(m.intent).toBe("warning");
    expect(m.key).toBe("error.storageUnavailable");
    expect(t("nb", m.key)).toBe("Tjenesten får ikke lagret eller hentet data akkurat nå, så endringen ble ikke lagret. Vent litt og prøv igjen.");
    expect(t("sv", m.key)).toContain("kan inte spara");
    expect(t("en", m.key)).toContain("can't save");
  });

  it("falls back on the status for codes it does not know", () => {
    expect(errorMessage(http(502, "badGateway")).key).toBe("error.server");
    expect(errorMessage(http(409, "newRule")).key).toBe("error.conflict");
    expect(errorMessage(http(413, "x")).key).toBe("error.tooLarge");
    expect(errorMessage(http(415, "x")).key).toBe("error.invalidRequest");
    const odd = errorMessage(http(418, "teapot"));
    expect(t("en", odd.key, odd.params)).toContain("HTTP 418");
  });

  it("fills the section limit into the too-many-sections message", () => {
    const m = errorMessage(http(409, "tooManySections"));
    expect(t("en", m.key, m.params)).toContain("at most 20 sections");
  });
});
