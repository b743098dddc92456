import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { env } from "@/lib/env";

// An uploaded CSV file is written to a temporary file as it arrives (never held in memory), up to
// the configured limit; the import then reads it twice (check, then insert) and deletes it.

/** IMPORT_MAX_BYTES (lib/env; default 64 MiB: a million lines is about 45 MB). */
export function importMaxBytes(): number {
  return env().IMPORT_MAX_BYTES;
}

export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The file is larger than the upload limit of ${formatBytes(limitBytes)}`);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export class UploadIncompleteError extends Error {
  constructor(
    readonly received: number,
    readonly declared: number,
  ) {
    super(`The upload was cut short: ${formatBytes(received)} of ${formatBytes(declared)} arrived, so nothing was imported. Upload the file again.`);
  }
}

export type SpooledUpload = { file: string; bytes: number; cleanup: () => Promise<void> };

/**
 * `declaredBytes` is the request's Content-Length, when it sent one: a body that ends short of it
 * was cut somewhere on the way (a proxy's buffer limit, a dropped connection), and importing the
 * part that arrived would silently lose the rest.
 */
export async function spoolUpload(body: ReadableStream<Uint8Array> | null, limitBytes: number, declaredBytes?: number): Promise<SpooledUpload> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wardsafe-import-"));
  const file = path.join(dir, "upload.csv");
  const cleanup = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.byteLength;
      if (bytes > limitBytes) callback(new UploadTooLargeError(limitBytes));
      else callback(null, chunk);
    },
  });
  try {
    const source = body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]);
    await pipeline(source, limiter, createWriteStream(file));
    if (declaredBytes !== undefined && bytes !== declaredBytes) throw new UploadIncompleteError(bytes, declaredBytes);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { file, bytes, cleanup };
}
