/**
 * Draws the app icon — a gold-rimmed red shield with a gold five-pointed star —
 * and writes build/icon.png (512×512) and build/icon.ico (PNG-compressed
 * entries from 16 to 256 px). Node builtins only, deterministic output, so the
 * committed icons can always be regenerated: `node build/scripts/make-icon.mjs`.
 */
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const BUILD_DIR = fileURLToPath(new URL('..', import.meta.url));

const GOLD = [244, 196, 48];
const DEEP_GOLD = [191, 140, 20];
const RED = [200, 16, 46];

/** Half-width of the shield at height v (both in 0..1 of the icon), or -1 outside its height. */
function shieldHalfWidth(v) {
  const top = 0.07;
  const shoulder = 0.5;
  const tip = 0.95;
  const full = 0.38;
  if (v < top || v > tip) return -1;
  if (v <= shoulder) return full;
  // Sides that curve in and meet in a point: decreasing, with a slope at the tip.
  const t = (v - shoulder) / (tip - shoulder);
  return full * (1 - t) * (1 + 0.8 * t);
}

function insideShield(u, v, inset) {
  // Shrinking around the shield's centre gives a rim of roughly even width.
  const cu = 0.5;
  const cv = 0.5;
  const su = cu + (u - cu) / (1 - inset * 2);
  const sv = cv + (v - cv) / (1 - inset * 2.2);
  const half = shieldHalfWidth(sv);
  return half >= 0 && Math.abs(su - cu) <= half;
}

const STAR = (() => {
  const cx = 0.5;
  const cy = 0.47;
  const outer = 0.22;
  const inner = outer * 0.382;
  return Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
  });
})();

/** Even-odd point-in-polygon test. */
function insidePolygon(u, v, polygon) {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > v !== yj > v && u < ((xj - xi) * (v - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Colour of one point of the design, or null for transparent. */
function colourAt(u, v) {
  if (!insideShield(u, v, 0)) return null;
  if (!insideShield(u, v, 0.045)) return v > 0.6 ? DEEP_GOLD : GOLD;
  if (insidePolygon(u, v, STAR)) return GOLD;
  return RED;
}

/** RGBA pixels, anti-aliased with 4×4 samples per pixel. */
export function renderIcon(size) {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const offset = (y * size + x) * 4;
      if (covered === 0) continue;
      pixels[offset] = Math.round(r / covered);
      pixels[offset + 1] = Math.round(g / covered);
      pixels[offset + 2] = Math.round(b / covered);
      pixels[offset + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return pixels;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A truecolour-with-alpha PNG of `size`×`size` RGBA pixels. */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  // Every scanline starts with filter type 0 (none); deflate does the rest.
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico whose entries are PNGs (supported since Windows Vista). */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach(({ size, png }, index) => {
    const entry = index * 16;
    directory[entry] = size >= 256 ? 0 : size; // 0 means 256
    directory[entry + 1] = size >= 256 ? 0 : size;
    directory.writeUInt16LE(1, entry + 4); // colour planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...images.map(({ png }) => png)]);
}

export async function writeIcons(outDir = BUILD_DIR) {
  const pngOf = (size) => encodePng(size, renderIcon(size));
  const icoSizes = [16, 24, 32, 48, 64, 128, 256];
  await writeFile(path.join(outDir, 'icon.png'), pngOf(512));
  await writeFile(path.join(outDir, 'icon.ico'), encodeIco(icoSizes.map((size) => ({ size, png: pngOf(size) }))));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeIcons();
  console.log(`Icons written to ${path.relative(process.cwd(), BUILD_DIR) || '.'}/icon.png and icon.ico`);
}
