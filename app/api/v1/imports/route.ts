import { assertCanImport } from "@/lib/auth/access";
import { jsonError, withActor } from "@/lib/http/api";
import { fileSource, importResponses, type ImportOutcome } from "@/lib/import/service";
import { UploadIncompleteError, UploadTooLargeError, importMaxBytes, spoolUpload } from "@/lib/import/upload";

// POST /api/v1/imports?fileName=…[&dryRun=1][&confirmDuplicate=1] with the CSV file as the raw body.
// Admins, and project leads for their own wards. See the README for the format and the answers:
// 200 checked (dry run), 201 imported, 400 the file has problems (each with line, column and
// reason; nothing written), 409 the same file was imported before (send confirmDuplicate=1 to
// import it again), 413 over the upload limit.

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

const flag = (params: URLSearchParams, name: string) => ["1", "true", "yes"].includes((params.get(name) ?? "").toLowerCase());

function answer(outcome: ImportOutcome): Response {
  switch (outcome.status) {
    case "checked":
      return Response.json(outcome, { status: 200, headers: NO_STORE });
    case "imported":
      return Response.json(outcome, { status: 201, headers: NO_STORE });
    case "invalid":
      return Response.json(
        { error: "The file has problems, so nothing was imported. Correct them and upload it again.", ...outcome },
        { status: 400, headers: NO_STORE },
      );
    case "duplicate":
      return Response.json(
        { error: "This file has been imported before. Import it again only if you are sure: its responses would be counted twice.", ...outcome },
        { status: 409, headers: NO_STORE },
      );
  }
}

export const POST = withActor(async (request, actor) => {
  assertCanImport(actor);
  const params = new URL(request.url).searchParams;
  const limit = importMaxBytes();
  const header = request.headers.get("content-length");
  const declared = header === null || header.trim() === "" ? undefined : Number(header);
  if (declared !== undefined && Number.isFinite(declared) && declared > limit) return jsonError(413, new UploadTooLargeError(limit).message);
  let upload;
  try {
    upload = await spoolUpload(request.body, limit, declared !== undefined && Number.isSafeInteger(declared) ? declared : undefined);
  } catch (error) {
    if (error instanceof UploadTooLargeError) return jsonError(413, error.message);
    if (error instanceof UploadIncompleteError) return jsonError(400, error.message);
    throw error;
  }
  try {
    const outcome = await importResponses(actor, fileSource(upload.file), {
      fileName: (params.get("fileName") ?? "").trim() || "upload.csv",
      dryRun: flag(params, "dryRun"),
      confirmDuplicate: flag(params, "confirmDuplicate"),
    });
    return answer(outcome);
  } finally {
    await upload.cleanup();
  }
});
