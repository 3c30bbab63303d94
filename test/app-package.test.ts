/** @module The Teams app package: the manifest is valid against the official schema, carries what a meeting app needs, and the zip and icons are what Teams accepts. */
import { AppManifestUtils, type AppManifest } from "@microsoft/app-manifest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APP_PACKAGE_DIR,
  REPO_ROOT,
  UnsetPlaceholderError,
  buildPackage,
  checkIcons,
  decodePng,
  escapeLoneBrackets,
  parseEnvFile,
  placeholdersIn,
  readPngHeader,
  substitute,
  unzip,
  validate,
  validateAgainstSchema,
  zip,
} from "../appPackage/build.js";
import { colorIcon, outlineIcon } from "../appPackage/icons.js";
import { startService, type Service } from "./helpers/service.js";

const SAMPLE = {
  TEAMS_APP_ID: "11111111-2222-4333-8444-555555555555",
  BOT_ID: "66666666-7777-4888-9999-000000000000",
  BOT_DOMAIN: "okr-meeting-dev.azurewebsites.net",
  APP_NAME_SUFFIX: " (test)",
} as const;

const template = readFileSync(join(APP_PACKAGE_DIR, "manifest.json"), "utf8");

interface Manifest {
  $schema: string;
  manifestVersion: string;
  configurableTabs: { configurationUrl: string; scopes: string[]; context: string[] }[];
  bots: { botId?: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
}

/** A fresh, filled-in manifest per test, so a test that breaks it breaks only its own copy. */
function sampleManifest(): Manifest {
  return JSON.parse(substitute(template, SAMPLE)) as Manifest;
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("the manifest template", () => {
  it("uses exactly the Agents Toolkit placeholders the env files provide", () => {
    expect(placeholdersIn(template).sort()).toEqual(["APP_NAME_SUFFIX", "BOT_DOMAIN", "BOT_ID", "TEAMS_APP_ID"]);
  });

  it("names a bundled v1.22 schema, so validation needs no network", () => {
    expect(sampleManifest().$schema).toBe("https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json");
    expect(sampleManifest().manifestVersion).toBe("1.22");
  });

  it("filled with sample values, validates against the official schema with no errors", async () => {
    const manifest = sampleManifest();
    const schema = await AppManifestUtils.fetchSchema(manifest.$schema);
    expect(await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema)).toEqual([]);
    expect(await validate(manifest)).toEqual([]);
  });

  it("with the env/.env.local sample values, validates too", async () => {
    const vars = parseEnvFile(readFileSync(join(REPO_ROOT, "env", ".env.local"), "utf8"));
    expect(await validate(JSON.parse(substitute(template, vars)))).toEqual([]);
  });
});

describe("validation catches broken manifests", () => {
  it("rejects the lower-case scope 'groupchat' that some docs show", async () => {
    const manifest = sampleManifest();
    manifest.configurableTabs[0]!.scopes = ["team", "groupchat"];
    const errors = await validate(manifest);
    expect(errors.some((e) => e.includes("/configurableTabs/0/scopes/1") && e.includes("groupChat"))).toBe(true);
  });

  it("rejects a bot without its id", async () => {
    const manifest = sampleManifest();
    delete manifest.bots[0]!.botId;
    const errors = await validate(manifest);
    expect(errors.some((e) => e.startsWith("/bots/0") && e.includes("botId"))).toBe(true);
  });

  it("rejects an SSO resource that is not api://<domain>/botid-<bot id>", async () => {
    const manifest = sampleManifest();
    manifest.webApplicationInfo.resource = `api://${SAMPLE.BOT_DOMAIN}/${SAMPLE.BOT_ID}`;
    expect(await validate(manifest)).toEqual([expect.stringContaining(`api://${SAMPLE.BOT_DOMAIN}/botid-${SAMPLE.BOT_ID}`)]);
  });

  it("rejects a tab host missing from validDomains", async () => {
    const manifest = sampleManifest();
    manifest.validDomains = ["example.com"];
    expect(await validate(manifest)).toEqual([expect.stringContaining(`validDomains must contain the tab's host '${SAMPLE.BOT_DOMAIN}'`)]);
  });
});

describe("what a meeting app needs", () => {
  it("offers the tab in the meeting side panel, chat and details, in group chats and teams", () => {
    const tab = sampleManifest().configurableTabs[0]!;
    expect(tab.context).toEqual(expect.arrayContaining(["meetingSidePanel", "meetingChatTab", "meetingDetailsTab"]));
    expect(tab.scopes).toEqual(expect.arrayContaining(["groupChat", "team"]));
    expect(tab.configurationUrl).toBe(`https://${SAMPLE.BOT_DOMAIN}/tab/config.html`);
  });

  it("has the bot in personal, team and group chat scopes with its help, sir and kpi commands", () => {
    const bot = sampleManifest().bots[0]!;
    expect(bot.botId).toBe(SAMPLE.BOT_ID);
    expect(bot.scopes).toEqual(expect.arrayContaining(["personal", "team", "groupChat"]));
    expect(bot.commandLists.flatMap((l) => l.commands.map((c) => c.title))).toEqual(["help", "sir", "kpi"]);
  });

  it("requests the four meeting RSC permissions as application permissions", () => {
    const rsc = sampleManifest().authorization.permissions.resourceSpecific;
    expect(rsc).toEqual(
      expect.arrayContaining(
        ["OnlineMeeting.ReadBasic.Chat", "OnlineMeetingParticipant.Read.Chat", "ChatMessage.Send.Chat", "OnlineMeetingNotification.Send.Chat"].map((name) => ({
          name,
          type: "Application",
        })),
      ),
    );
  });

  it("declares SSO with the bot's app registration and an api://<domain>/botid-<id> resource", () => {
    const manifest = sampleManifest();
    expect(manifest.webApplicationInfo.id).toBe(SAMPLE.BOT_ID);
    expect(manifest.webApplicationInfo.resource).toMatch(/^api:\/\/[^/]+\/botid-[0-9a-f-]{36}$/);
    expect(manifest.webApplicationInfo.resource).toBe(`api://${SAMPLE.BOT_DOMAIN}/botid-${SAMPLE.BOT_ID}`);
    expect(manifest.validDomains).toEqual([SAMPLE.BOT_DOMAIN]);
  });
});

/** Every http(s) URL anywhere in the manifest whose host is the service's (the tab's domain). */
function serviceUrls(manifest: unknown, domain: string): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === "string") {
      if (/^https?:\/\//i.test(node) && new URL(node).host === domain) found.push(node);
    } else if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === "object" && node !== null) Object.values(node).forEach(walk);
  };
  walk(manifest);
  return found;
}

describe("every manifest URL of the service is served", () => {
  let service: Service;
  beforeAll(async () => {
    if (!existsSync("dist/tab/index.html")) throw new Error("Build the panel first: npx vite build (npm test does it).");
    service = await startService({ TAB_DIR: "dist/tab" });
  });
  afterAll(async () => {
    await service?.close();
  });

  it("the filled-in manifest's pages (configurationUrl, content and website URLs of our domain) answer 200 text/html from a running service", async () => {
    const urls = serviceUrls(sampleManifest(), SAMPLE.BOT_DOMAIN);
    // Teams opens the configuration page first when the app is added to a meeting: without it nothing works.
    expect(urls).toContain(`https://${SAMPLE.BOT_DOMAIN}/tab/config.html`);
    for (const url of urls) {
      const { pathname, search } = new URL(url);
      const res = await fetch(`${service.url}${pathname}${search}`);
      const body = await res.text();
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(body).toMatch(/<script type="module"/);
    }
  });

  it("finds URLs of our domain wherever they are, and only those", () => {
    expect(serviceUrls({ a: [`https://${SAMPLE.BOT_DOMAIN}/x`, { b: "https://example.com/y" }], c: `api://${SAMPLE.BOT_DOMAIN}/botid-1` }, SAMPLE.BOT_DOMAIN)).toEqual([`https://${SAMPLE.BOT_DOMAIN}/x`]);
  });
});

describe("placeholders", () => {
  it("names every unset placeholder, and accepts an empty name suffix", () => {
    let thrown: unknown;
    try {
      substitute(template, { APP_NAME_SUFFIX: "", TEAMS_APP_ID: SAMPLE.TEAMS_APP_ID, BOT_ID: "" });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UnsetPlaceholderError);
    expect((thrown as UnsetPlaceholderError).missing).toEqual(["BOT_DOMAIN", "BOT_ID"]);
    expect((thrown as Error).message).toContain("BOT_DOMAIN, BOT_ID");
  });

  it("escapes values so they cannot break the JSON", () => {
    expect(JSON.parse(substitute('{"a":"x${{V}}"}', { V: 'say "hi"\\' }))).toEqual({ a: 'xsay "hi"\\' });
  });
});

describe("language files", () => {
  for (const file of ["nb-no.json", "sv-se.json"]) {
    it(`${file} is listed, valid against the bundled Localization schema, and has no placeholders`, async () => {
      expect(sampleManifest().localizationInfo.additionalLanguages.map((l) => l.file)).toContain(file);
      const text = readFileSync(join(APP_PACKAGE_DIR, file), "utf8");
      expect(placeholdersIn(text)).toEqual([]);
      expect(await validateAgainstSchema(JSON.parse(text))).toEqual([]);
    });
  }

  it("a language file with an unknown key or an over-long short description fails", async () => {
    const doc = JSON.parse(readFileSync(join(APP_PACKAGE_DIR, "nb-no.json"), "utf8")) as Record<string, unknown>;
    doc["description.short"] = "x".repeat(81);
    doc["name.nickname"] = "OKR";
    const errors = await validateAgainstSchema(doc);
    expect(errors.some((e) => e.includes("/description.short") && e.includes("80"))).toBe(true);
    expect(errors.some((e) => e.includes("name.nickname"))).toBe(true);
  });

  it("the schema repair only escapes brackets that close no class", () => {
    const broken = "^activities.activityTypes\\[\\b([0-9]|1[01][0-9])\\b]\\.description$";
    expect(() => new RegExp(broken, "u")).toThrow();
    const repaired = escapeLoneBrackets(broken);
    expect(new RegExp(repaired, "u").test("activities.activityTypes[110].description")).toBe(true);
    expect(new RegExp(broken).test("activities.activityTypes[110].description")).toBe(true);
    expect(escapeLoneBrackets("^[a-z]{2}\\]$")).toBe("^[a-z]{2}\\]$");
  });
});

describe("icons", () => {
  const color = readFileSync(join(APP_PACKAGE_DIR, "color.png"));
  const outline = readFileSync(join(APP_PACKAGE_DIR, "outline.png"));

  it("color is 192×192 and outline 32×32 with an alpha channel", () => {
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32, colorType: 6 });
    expect(checkIcons(color, outline)).toEqual([]);
  });

  it("the outline icon is white on transparent", () => {
    const { rgba } = decodePng(outline);
    const visible = [...Array(32 * 32).keys()].filter((i) => (rgba[i * 4 + 3] ?? 0) > 0);
    expect(visible.length).toBeGreaterThan(50);
    expect(visible.length).toBeLessThan(32 * 32);
    expect(visible.every((i) => rgba[i * 4] === 255 && rgba[i * 4 + 1] === 255 && rgba[i * 4 + 2] === 255)).toBe(true);
  });

  it("a coloured or wrongly sized outline is refused", () => {
    expect(checkIcons(color, color)).toEqual(expect.arrayContaining([expect.stringContaining("32×32"), expect.stringContaining("white on transparent")]));
    expect(checkIcons(outline, outline)).toEqual([expect.stringContaining("192×192")]);
  });

  it("the committed PNGs are what appPackage/icons.ts draws", () => {
    expect(Buffer.from(decodePng(colorIcon()).rgba).equals(Buffer.from(decodePng(color).rgba))).toBe(true);
    expect(Buffer.from(decodePng(outlineIcon()).rgba).equals(Buffer.from(decodePng(outline).rgba))).toBe(true);
  });
});

describe("the zip", () => {
  it("round-trips names and bytes through its own central directory", () => {
    const entries = [
      { name: "a.txt", data: Buffer.from("hello ".repeat(100)) },
      { name: "empty", data: Buffer.alloc(0) },
      { name: "noise.bin", data: Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 251)) },
    ];
    const back = unzip(zip(entries));
    expect(back.map((e) => e.name)).toEqual(["a.txt", "empty", "noise.bin"]);
    back.forEach((e, i) => expect(e.data.equals(entries[i]!.data)).toBe(true));
  });

  it("is identical for identical input (reproducible builds)", () => {
    const entries = [{ name: "m.json", data: Buffer.from("{}") }];
    expect(zip(entries).equals(zip(entries))).toBe(true);
  });

  it("the built package is readable and holds the filled manifest, both icons and the language files", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "app-package-"));
    tempDirs.push(outDir);
    const result = await buildPackage("test", SAMPLE, outDir);
    expect(result.zipPath).toBe(join(outDir, "appPackage.test.zip"));

    const entries = unzip(readFileSync(result.zipPath));
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(["manifest.json", "color.png", "outline.png", "nb-no.json", "sv-se.json"]));
    const manifest = JSON.parse(entries.find((e) => e.name === "manifest.json")!.data.toString("utf8")) as Manifest;
    expect(manifest.bots[0]!.botId).toBe(SAMPLE.BOT_ID);
    expect(JSON.stringify(manifest)).not.toContain("${{");
    expect(entries.find((e) => e.name === "color.png")!.data.equals(readFileSync(join(APP_PACKAGE_DIR, "color.png")))).toBe(true);
  });

  it.skipIf(!hasUnzip())("the system unzip reads it without errors", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "app-package-"));
    tempDirs.push(outDir);
    const { zipPath } = await buildPackage("test", SAMPLE, outDir);
    expect(execFileSync("unzip", ["-tq", zipPath], { encoding: "utf8" })).toContain("No errors");
  });

  it("a package with an unset placeholder is not written", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "app-package-"));
    tempDirs.push(outDir);
    await expect(buildPackage("test", { ...SAMPLE, BOT_DOMAIN: "" }, outDir)).rejects.toThrow(/BOT_DOMAIN/);
  });
});

describe("environment files", () => {
  it("parse quoted values, comments and empty values like dotenv", () => {
    expect(parseEnvFile('# c\nA=1\nB=" (dev)"\nC=\nD=x # note\nexport E=\'q\'\n')).toEqual({ A: "1", B: " (dev)", C: "", D: "x", E: "q" });
  });

  it("hold no secrets", () => {
    for (const file of [".env.dev", ".env.local"]) {
      const vars = parseEnvFile(readFileSync(join(REPO_ROOT, "env", file), "utf8"));
      expect(Object.keys(vars).filter((k) => /SECRET|PASSWORD|KEY$/i.test(k))).toEqual([]);
    }
  });
});

function hasUnzip(): boolean {
  try {
    execFileSync("unzip", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
