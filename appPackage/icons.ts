/** @module Draws the Teams app icons (color 192×192, outline 32×32) and writes them as PNGs with a tiny encoder: run `npx tsx appPackage/icons.ts`. */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { crc32, deflateSync } from "node:zlib";

/** Nordic blue, also the manifest's accentColor. */
export const ACCENT = { r: 0x1f, g: 0x5f, b: 0xad } as const;

export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes per pixel) as a PNG. Filter 0 on every row: icons are tiny, so size does not matter. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA: the outline icon needs real transparency
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

// --- geometry: shapes as "is this point inside" tests on a unit square, so one motif serves both sizes ---

type Shape = (x: number, y: number) => boolean;

const ring = (cx: number, cy: number, radius: number, width: number): Shape => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - radius) <= width / 2;
const disc = (cx: number, cy: number, radius: number): Shape => (x, y) => Math.hypot(x - cx, y - cy) <= radius;

/** A stroke with round caps from (x1,y1) to (x2,y2). */
function segment(x1: number, y1: number, x2: number, y2: number, width: number): Shape {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const lengthSquared = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / lengthSquared));
    return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= width / 2;
  };
}

function roundedSquare(inset: number, cornerRadius: number): Shape {
  const lo = inset + cornerRadius;
  const hi = 1 - inset - cornerRadius;
  return (x, y) => {
    const nx = Math.max(lo, Math.min(hi, x));
    const ny = Math.max(lo, Math.min(hi, y));
    return Math.hypot(x - nx, y - ny) <= cornerRadius;
  };
}

const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));

/**
 * The motif: a clock face (ring, hub, two hands), for the time-boxed agenda and shared
 * timer the product is about. Strokes are given per size because at 32 px the outline
 * icon needs relatively thicker lines to stay legible.
 */
function motif(scale: number, stroke: number, handStroke: number): Shape {
  const c = 0.5;
  const r = 0.5 * scale;
  return union(
    ring(c, c, r - stroke / 2, stroke),
    disc(c, c, handStroke * 0.95),
    segment(c, c, c, c - r * 0.62, handStroke), // minute hand at 12
    segment(c, c, c + r * 0.42, c - r * 0.24, handStroke), // hour hand towards 2
  );
}

/** Rasterizes with 4×4 supersampling so curves are anti-aliased. */
function rasterize(size: number, paint: (x: number, y: number) => Rgba | undefined): Uint8Array {
  const samples = 4;
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          // Premultiplied accumulation, so edges against transparency do not darken.
          r += colour.r * colour.a;
          g += colour.g * colour.a;
          b += colour.b * colour.a;
          a += colour.a;
        }
      }
      const i = (py * size + px) * 4;
      const n = samples * samples;
      out[i] = a === 0 ? 0 : Math.round(r / a);
      out[i + 1] = a === 0 ? 0 : Math.round(g / a);
      out[i + 2] = a === 0 ? 0 : Math.round(b / a);
      out[i + 3] = Math.round(a / n);
    }
  }
  return out;
}

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 255 };
const BLUE: Rgba = { ...ACCENT, a: 255 };

/** 192×192 full-colour icon: white motif inside Teams' 96 px safe area on a blue rounded square. */
export function colorIcon(): Buffer {
  const size = 192;
  const background = roundedSquare(0, 0.18);
  const symbol = motif(0.5, 0.07, 0.06);
  return encodePng(size, size, rasterize(size, (x, y) => (symbol(x, y) ? WHITE : background(x, y) ? BLUE : undefined)));
}

/** 32×32 outline icon: white on transparent, as Teams requires (it tints it itself). */
export function outlineIcon(): Buffer {
  const size = 32;
  const symbol = motif(0.88, 0.095, 0.09);
  return encodePng(size, size, rasterize(size, (x, y) => (symbol(x, y) ? WHITE : undefined)));
}

/** Writes color.png and outline.png next to this file. */
export function writeIcons(dir: string = dirname(fileURLToPath(import.meta.url))): void {
  writeFileSync(join(dir, "color.png"), colorIcon());
  writeFileSync(join(dir, "outline.png"), outlineIcon());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeIcons();
  console.log("wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32)");
}
