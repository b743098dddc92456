import jsQR from "jsqr";
import { PNG } from "pngjs";

/** Reads a QR code from a PNG (a served file or a browser screenshot); null when there is none. */
export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null;
}
