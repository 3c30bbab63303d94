/** @module Builds the Teams app package offline: fills ${{…}} from env/.env.<env>, validates against the official schema, checks the icons, writes appPackage/build/appPackage.<env>.zip. */
import { AppManifestUtils, type AppManifest } from "@microsoft/app-manifest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { crc32, deflateRawSync, inflateRawSync, inflateSync } from "node:zlib";

export const APP_PACKAGE_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(APP_PACKAGE_DIR, "..");

/** Placeholders that may legitimately be empty (a production package has no name suffix). */
export const MAY_BE_EMPTY: ReadonlySet<string> = new Set(["APP_NAME_SUFFIX"]);

// ---------------------------------------------------------------------------------------------
// Environment files
// ---------------------------------------------------------------------------------------------

/** Parses the dotenv subset the Agents Toolkit writes: KEY=VALUE, comments, optional quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1] ?? "";
    let value = match[2] ?? "";
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, "\n");
    } else {
      // An unquoted value ends at " #", as in dotenv.
      value = value.replace(/\s+#.*$/, "").trim();
    }
    vars[key] = value;
  }
  return vars;
}

/** env/.env.<name>, overlaid by env/.env.<name>.user (where the toolkit keeps SECRET_ values) when present. */
export function loadEnv(envName: string, root: string = REPO_ROOT): Record<string, string> {
  if (!/^[A-Za-z0-9_-]+$/.test(envName)) throw new Error(`Invalid environment name '${envName}'.`);
  const file = join(root, "env", `.env.${envName}`);
  if (!existsSync(file)) throw new Error(`No environment file ${relative(root, file)}. Create it (see env/.env.dev) or pass --env <name>.`);
  const vars = parseEnvFile(readFileSync(file, "utf8"));
  const userFile = `${file}.user`;
  if (existsSync(userFile)) Object.assign(vars, parseEnvFile(readFileSync(userFile, "utf8")));
  return vars;
}

// ---------------------------------------------------------------------------------------------
// Placeholders
// ---------------------------------------------------------------------------------------------

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

export class UnsetPlaceholderError extends Error {
  constructor(
    readonly missing: readonly string[],
    where: string,
  ) {
    super(`Unset placeholder${missing.length === 1 ? "" : "s"} in ${where}: ${missing.join(", ")}.`);
    this.name = "UnsetPlaceholderError";
  }
}

/** The distinct placeholder names in a template, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))];
}

/**
 * Replaces every ${{NAME}} in a JSON template. Values are JSON-escaped because they land
 * inside JSON strings; a quote in a value must not break the manifest. Throws
 * {@link UnsetPlaceholderError} naming every placeholder that has no (non-empty) value.
 */
export function substitute(template: string, vars: Readonly<Record<string, string | undefined>>, where = "the manifest"): string {
  const missing = placeholdersIn(template).filter((name) => {
    const value = vars[name];
    return value === undefined || (value === "" && !MAY_BE_EMPTY.has(name));
  });
  if (missing.length > 0) throw new UnsetPlaceholderError(missing, where);
  return template.replace(PLACEHOLDER, (_match, name: string) => JSON.stringify(vars[name] ?? "").slice(1, -1));
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const requireFromHere = createRequire(import.meta.url);

/** Path of the schema bundled in @microsoft/app-manifest for a developer.microsoft.com schema URL, or undefined. */
export function bundledSchemaPath(schemaUrl: string): string | undefined {
  const match = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?json-schemas\/(teams\/v[0-9.]+\/[A-Za-z.]+\.schema\.json)$/.exec(schemaUrl);
  if (!match?.[1]) return undefined;
  const file = join(dirname(requireFromHere.resolve("@microsoft/app-manifest")), "json-schemas", match[1]);
  return existsSync(file) ? file : undefined;
}

function schemaUrlOf(doc: unknown): string | undefined {
  if (typeof doc !== "object" || doc === null || !("$schema" in doc)) return undefined;
  return typeof doc.$schema === "string" ? doc.$schema : undefined;
}

/**
 * Validates a manifest or localization file against the schema its $schema names, from the
 * copy bundled in @microsoft/app-manifest. Refuses a schema that is not bundled, because the
 * library would otherwise fetch it from the network and the build must work offline.
 */
export async function validateAgainstSchema(doc: unknown): Promise<string[]> {
  const url = schemaUrlOf(doc);
  if (url === undefined) return ["/$schema is missing: it must name a bundled developer.microsoft.com Teams schema."];
  if (bundledSchemaPath(url) === undefined) return [`/$schema ${url} is not bundled in @microsoft/app-manifest, so it cannot be validated offline.`];
  // fetchSchema reads the bundled file (checked above) and repairs escapes some schema versions contain.
  const schema = repairPatterns(await AppManifestUtils.fetchSchema(url));
  // The schema decides what is valid; the cast only satisfies the library's signature.
  return AppManifestUtils.validateAgainstSchema(doc as AppManifest, schema);
}

/**
 * Escapes a `]` that closes no character class. Every bundled Localization schema has
 * `activityTypes\[\b(…)\b]` in a pattern: legal in a plain JS RegExp (a lone `]` is a literal),
 * but a syntax error under the `u` flag Ajv compiles with, so the library cannot validate
 * language files at all. `\]` means the same literal, so the schema's meaning is unchanged.
 */
export function escapeLoneBrackets(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? "";
    if (ch === "\\") {
      out += ch + (pattern[i + 1] ?? "");
      i++;
    } else if (ch === "[" && !inClass) {
      inClass = true;
      out += ch;
    } else if (ch === "]") {
      out += inClass ? ch : "\\]";
      inClass = false;
    } else {
      out += ch;
    }
  }
  return out;
}

function repairPatternsIn(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(repairPatternsIn);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "pattern" && typeof value === "string") out[key] = escapeLoneBrackets(value);
    else if (key === "patternProperties" && typeof value === "object" && value !== null) {
      out[key] = Object.fromEntries(Object.entries(value).map(([p, v]) => [escapeLoneBrackets(p), repairPatternsIn(v)]));
    } else out[key] = repairPatternsIn(value);
  }
  return out;
}

/** A copy of the schema whose regular expressions all compile under the `u` flag. */
function repairPatterns<T>(schema: T): T {
  return repairPatternsIn(schema) as T;
}

/** The fields the product rules read; only looked at after the schema has passed. */
interface ManifestFields {
  configurableTabs?: { configurationUrl: string; scopes: string[]; context?: string[] }[];
  bots?: { botId: string }[];
  validDomains?: string[];
  webApplicationInfo?: { id: string; resource?: string };
}

/**
 * Rules Teams enforces at upload or at run time that the JSON schema cannot express,
 * because they relate one field to another.
 */
export function checkProductRules(manifest: unknown): string[] {
  const m = manifest as ManifestFields;
  const errors: string[] = [];
  const tab = m.configurableTabs?.[0];
  const botId = m.bots?.[0]?.botId;
  if (!tab) errors.push("rule: the meeting tab (configurableTabs[0]) is missing.");
  if (!botId) errors.push("rule: the bot (bots[0].botId) is missing.");
  if (!tab || !botId) return errors;

  const contexts = tab.context ?? [];
  if (contexts.some((c) => c.startsWith("meeting")) && !tab.scopes.includes("groupChat")) {
    errors.push("rule: meeting contexts need the tab scope 'groupChat' (exact casing).");
  }
  if (contexts.includes("meetingStage") && !contexts.includes("meetingSidePanel")) {
    errors.push("rule: 'meetingStage' requires 'meetingSidePanel'.");
  }
  const host = new URL(tab.configurationUrl).host;
  if (!(m.validDomains ?? []).includes(host)) errors.push(`rule: validDomains must contain the tab's host '${host}'.`);
  const expectedResource = `api://${host}/botid-${botId}`;
  if (m.webApplicationInfo?.id !== botId) errors.push("rule: webApplicationInfo.id must be the bot id (one app registration serves bot and SSO).");
  if (m.webApplicationInfo?.resource !== expectedResource) {
    errors.push(`rule: webApplicationInfo.resource must be '${expectedResource}' (the SSO Application ID URI).`);
  }
  return errors;
}

/** Schema errors first; product rules only once the shape is known to be right. */
export async function validate(manifest: unknown): Promise<string[]> {
  const schemaErrors = await validateAgainstSchema(manifest);
  return schemaErrors.length > 0 ? schemaErrors : checkProductRules(manifest);
}

// ---------------------------------------------------------------------------------------------
// Icons
// ---------------------------------------------------------------------------------------------

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads the IHDR chunk, which a valid PNG must have first. */
export function readPngHeader(png: Buffer): PngInfo {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString("latin1", 12, 16) !== "IHDR") {
    throw new Error("not a PNG file");
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24] ?? 0, colorType: png[25] ?? 0 };
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Decodes 8-bit, non-interlaced, non-palette PNGs to RGBA: enough to check an outline icon's colours. */
export function decodePng(png: Buffer): { info: PngInfo; rgba: Uint8Array } {
  const info = readPngHeader(png);
  const channels = CHANNELS[info.colorType];
  if (info.bitDepth !== 8 || channels === undefined || png[28] !== 0) throw new Error("only 8-bit, non-interlaced grey/RGB(A) PNGs are supported");
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    if (type === "IDAT") idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = info.width * channels;
  const pixels = new Uint8Array(stride * info.height);
  for (let y = 0; y < info.height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      let predicted: number;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = left;
          break;
        case 2:
          predicted = up;
          break;
        case 3:
          predicted = (left + up) >> 1;
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
        default:
          throw new Error(`unknown PNG filter ${String(filter)}`);
      }
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const rgba = new Uint8Array(info.width * info.height * 4);
  for (let i = 0; i < info.width * info.height; i++) {
    const p = i * channels;
    const grey = channels <= 2;
    rgba[i * 4] = pixels[p] ?? 0;
    rgba[i * 4 + 1] = grey ? (pixels[p] ?? 0) : (pixels[p + 1] ?? 0);
    rgba[i * 4 + 2] = grey ? (pixels[p] ?? 0) : (pixels[p + 2] ?? 0);
    rgba[i * 4 + 3] = channels === 2 ? (pixels[p + 1] ?? 0) : channels === 4 ? (pixels[p + 3] ?? 0) : 255;
  }
  return { info, rgba };
}

/** Teams' icon rules: color 192×192; outline 32×32, white on transparent. */
export function checkIcons(color: Buffer, outline: Buffer): string[] {
  const errors: string[] = [];
  try {
    const c = readPngHeader(color);
    if (c.width !== 192 || c.height !== 192) errors.push(`color icon must be 192×192, is ${c.width}×${c.height}.`);
  } catch (e) {
    errors.push(`color icon: ${(e as Error).message}.`);
  }
  try {
    const { info, rgba } = decodePng(outline);
    if (info.width !== 32 || info.height !== 32) errors.push(`outline icon must be 32×32, is ${info.width}×${info.height}.`);
    if (info.colorType !== 4 && info.colorType !== 6) errors.push("outline icon must have an alpha channel (transparent background).");
    let coloured = 0;
    let opaque = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const alpha = rgba[i + 3] ?? 0;
      if (alpha === 255) opaque++;
      if (alpha > 0 && ((rgba[i] ?? 0) < 240 || (rgba[i + 1] ?? 0) < 240 || (rgba[i + 2] ?? 0) < 240)) coloured++;
    }
    if (coloured > 0) errors.push(`outline icon must be white on transparent: ${coloured} visible pixel(s) are not white.`);
    if (opaque === 32 * 32) errors.push("outline icon has no transparent pixels.");
  } catch (e) {
    errors.push(`outline icon: ${(e as Error).message}.`);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Zip
// ---------------------------------------------------------------------------------------------

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

// A fixed timestamp keeps the package byte-identical for identical inputs (reproducible builds).
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const UTF8_NAMES = 0x0800;

/** Writes a zip archive (deflate, or store when deflate would not help). */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const stored = deflated.length >= entry.data.length;
    const body = stored ? entry.data : deflated;
    const crc = crc32(entry.data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, so the mode below is read
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(UTF8_NAMES, 8);
    header.writeUInt16LE(stored ? 0 : 8, 10);
    header.writeUInt16LE(DOS_TIME, 12);
    header.writeUInt16LE(DOS_DATE, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(0, 30); // extra
    header.writeUInt16LE(0, 32); // comment
    header.writeUInt16LE(0, 34); // disk
    header.writeUInt16LE(0, 36); // internal attributes
    header.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
    header.writeUInt32LE(offset, 42);

    parts.push(local, name, body);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...parts, directory, end]);
}

/** Reads a zip back through its central directory (as Teams does), checking every CRC. */
export function unzip(archive: Buffer): ZipEntry[] {
  const endAt = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error("no end-of-central-directory record");
  const count = archive.readUInt16LE(endAt + 10);
  let at = archive.readUInt32LE(endAt + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory header at ${at}`);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localAt = archive.readUInt32LE(at + 42);
    const name = archive.toString("utf8", at + 46, at + 46 + nameLength);
    if (archive.readUInt32LE(localAt) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataAt = localAt + 30 + archive.readUInt16LE(localAt + 26) + archive.readUInt16LE(localAt + 28);
    const body = archive.subarray(dataAt, dataAt + compressedSize);
    const data = method === 0 ? Buffer.from(body) : method === 8 ? inflateRawSync(body) : undefined;
    if (!data) throw new Error(`${name}: unsupported compression method ${method}`);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`${name}: size or CRC mismatch`);
    entries.push({ name, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// The build
// ---------------------------------------------------------------------------------------------

export interface BuildResult {
  readonly zipPath: string;
  readonly files: readonly string[];
  readonly manifest: unknown;
}

export class PackageInvalidError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`The app package is invalid:\n${errors.map((e) => `  - ${e}`).join("\n")}`);
    this.name = "PackageInvalidError";
  }
}

interface LanguageRef {
  readonly file: string;
}

function additionalLanguageFiles(manifest: unknown): string[] {
  const info = (manifest as { localizationInfo?: { additionalLanguages?: LanguageRef[] } }).localizationInfo;
  return (info?.additionalLanguages ?? []).map((l) => l.file);
}

/** Reads, fills, validates and zips the package for one environment; writes nothing if anything is wrong. */
export async function buildPackage(
  envName: string,
  vars: Readonly<Record<string, string | undefined>> = loadEnv(envName),
  outDir: string = join(APP_PACKAGE_DIR, "build"),
): Promise<BuildResult> {
  const manifestText = substitute(readFileSync(join(APP_PACKAGE_DIR, "manifest.json"), "utf8"), vars, `appPackage/manifest.json (env '${envName}')`);
  const manifest: unknown = JSON.parse(manifestText);
  const errors = await validate(manifest);

  const entries: ZipEntry[] = [{ name: "manifest.json", data: Buffer.from(manifestText, "utf8") }];
  const iconPaths = ["color.png", "outline.png"].map((f) => join(APP_PACKAGE_DIR, f));
  if (iconPaths.every(existsSync)) {
    const [color, outline] = iconPaths.map((p) => readFileSync(p));
    errors.push(...checkIcons(color ?? Buffer.alloc(0), outline ?? Buffer.alloc(0)));
    entries.push({ name: "color.png", data: color ?? Buffer.alloc(0) }, { name: "outline.png", data: outline ?? Buffer.alloc(0) });
  } else {
    errors.push("icons missing: run `npx tsx appPackage/icons.ts` to draw color.png and outline.png.");
  }

  for (const file of additionalLanguageFiles(manifest)) {
    const path = join(APP_PACKAGE_DIR, file);
    if (!existsSync(path)) {
      errors.push(`localization file ${file} is missing.`);
      continue;
    }
    const text = readFileSync(path, "utf8");
    // The Agents Toolkit's zipAppPackage copies language files verbatim, so a placeholder there would ship unreplaced.
    const unreplaced = placeholdersIn(text);
    if (unreplaced.length > 0) errors.push(`${file}: placeholders are not allowed in language files (${unreplaced.join(", ")}).`);
    errors.push(...(await validateAgainstSchema(JSON.parse(text))).map((e) => `${file}: ${e}`));
    entries.push({ name: file, data: Buffer.from(text, "utf8") });
  }

  if (errors.length > 0) throw new PackageInvalidError(errors);
  const zipPath = join(outDir, `appPackage.${envName}.zip`);
  mkdirSync(dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, zip(entries));
  return { zipPath, files: entries.map((e) => e.name), manifest };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { env: { type: "string", default: "dev" } }, allowPositionals: false });
  const envName = values.env;
  try {
    const result = await buildPackage(envName);
    console.log(`app package valid (schema ${String((result.manifest as { manifestVersion?: string }).manifestVersion)}, icons, product rules)`);
    console.log(`wrote ${relative(REPO_ROOT, result.zipPath)}: ${result.files.join(", ")}`);
  } catch (e) {
    if (e instanceof UnsetPlaceholderError) {
      console.error(`${e.message}\nSet ${e.missing.length === 1 ? "it" : "them"} in env/.env.${envName} (or env/.env.${envName}.user); \`atk provision --env ${envName}\` fills the ids.`);
    } else if (e instanceof PackageInvalidError) {
      console.error(e.message);
    } else {
      console.error(e instanceof Error ? e.message : String(e));
    }
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
