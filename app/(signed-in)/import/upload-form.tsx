"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ImportReport } from "@/lib/import/service";
import { Button } from "@/components/ui";
import { ColumnHeads } from "@/components/table";

// Uploading a CSV file: the file is posted with XMLHttpRequest (fetch cannot report upload
// progress) to /api/v1/imports, first as a dry run whose report is shown, then, once the user
// confirms, for real. The same file is sent twice rather than kept on the server between the two
// steps, so nothing of an unconfirmed upload stays behind.

type Phase =
  | { kind: "idle" }
  | { kind: "sending"; purpose: "check" | "import"; loaded: number; total: number; uploaded: boolean }
  | { kind: "checked"; report: ImportReport }
  | { kind: "invalid"; report: ImportReport; message: string }
  | { kind: "duplicate"; report: ImportReport; message: string }
  | { kind: "imported"; report: ImportReport }
  | { kind: "failed"; message: string };

type ApiAnswer = { status?: string; error?: string; report?: ImportReport };

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function post(file: File, params: URLSearchParams, onProgress: (loaded: number, total: number, uploaded: boolean) => void) {
  return new Promise<{ status: number; body: ApiAnswer }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/imports?${params.toString()}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size, false);
    xhr.upload.onload = () => onProgress(file.size, file.size, true);
    xhr.onload = () => {
      let body: ApiAnswer = {};
      try {
        body = JSON.parse(xhr.responseText) as ApiAnswer;
      } catch {
        body = { error: `The server answered ${xhr.status} without an explanation` };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(file);
  });
}

function plural(n: number, one: string, many: string) {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

function WardTable({ report }: { report: ImportReport }) {
  return (
    <table className="mb-4 w-full max-w-3xl border-collapse bg-white">
      <caption className="mb-2 text-left font-semibold">Responses per ward</caption>
      <ColumnHeads columns={["Ward", "Survey code", { label: "Responses", numeric: true }, "From", "To"]} />
      <tbody>
        {report.wards.map((ward) => (
          <tr key={ward.wardId} className="border-b border-slate-300">
            <td className="p-2">{ward.wardName}</td>
            <td className="p-2 font-mono">{ward.wardCode}</td>
            <td className="p-2 text-right">{ward.responses.toLocaleString("en-GB")}</td>
            <td className="p-2">{ward.firstDate}</td>
            <td className="p-2">{ward.lastDate}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Totals({ report }: { report: ImportReport }) {
  return (
    <p className="mb-4">
      {plural(report.lines, "line", "lines")} in {report.fileName}: {plural(report.responses, "response", "responses")} for{" "}
      {plural(report.wards.length, "ward", "wards")}, dated {report.firstDate} to {report.lastDate}.
    </p>
  );
}

function PreviousImports({ report }: { report: ImportReport }) {
  if (report.previousImports.length === 0) return null;
  return (
    <div className="mb-4 border-l-8 border-nhs-red bg-white p-4">
      <p className="font-semibold">This exact file has been imported before:</p>
      <ul className="list-disc pl-5">
        {report.previousImports.map((previous) => (
          <li key={previous.id}>
            on {new Date(previous.at).toLocaleString("en-GB", { timeZone: "Europe/London" })} by {previous.by ?? "a former user"} as{" "}
            {previous.fileName} ({plural(previous.responses, "response", "responses")})
          </li>
        ))}
      </ul>
      <p>Importing it again would count its responses twice.</p>
    </div>
  );
}

export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [confirmDuplicate, setConfirmDuplicate] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (phase.kind !== "idle" && phase.kind !== "sending") resultHeading.current?.focus();
  }, [phase.kind]);

  async function send(purpose: "check" | "import") {
    if (!file) {
      setFileError("Choose a CSV file to import");
      return;
    }
    if (file.size > maxBytes) {
      setFileError(`The file is ${megabytes(file.size)}, over the upload limit of ${megabytes(maxBytes)}. Split it into smaller files.`);
      return;
    }
    setFileError(null);
    const params = new URLSearchParams({ fileName: file.name });
    if (purpose === "check") params.set("dryRun", "1");
    if (purpose === "import" && confirmDuplicate) params.set("confirmDuplicate", "1");
    setPhase({ kind: "sending", purpose, loaded: 0, total: file.size, uploaded: false });
    try {
      const { status, body } = await post(file, params, (loaded, total, uploaded) =>
        setPhase({ kind: "sending", purpose, loaded, total, uploaded }),
      );
      if (body.report && body.status === "checked") setPhase({ kind: "checked", report: body.report });
      else if (body.report && body.status === "imported") setPhase({ kind: "imported", report: body.report });
      else if (body.report && body.status === "invalid") setPhase({ kind: "invalid", report: body.report, message: body.error ?? "" });
      else if (body.report && body.status === "duplicate") setPhase({ kind: "duplicate", report: body.report, message: body.error ?? "" });
      else if (status === 401) setPhase({ kind: "failed", message: "Your session has ended. Sign in again, then upload the file again." });
      else setPhase({ kind: "failed", message: body.error ?? `The server answered ${status}` });
    } catch {
      setPhase({ kind: "failed", message: "The upload did not reach the server. Check your connection and try again; nothing was imported." });
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void send("check");
  }

  const busy = phase.kind === "sending";

  return (
    <div>
      <form onSubmit={onSubmit} noValidate className="mb-6">
        <div className="mb-4">
          <label htmlFor="file" className="block font-semibold">
            CSV file
          </label>
          <p id="file-hint" className="text-sm text-muted">
            Up to {megabytes(maxBytes)}. It is checked first; nothing is imported until you confirm.
          </p>
          {fileError ? (
            <p id="file-error" className="font-semibold text-nhs-red">
              {fileError}
            </p>
          ) : null}
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
            className="mt-1 block"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFileError(null);
              setConfirmDuplicate(false);
              setPhase({ kind: "idle" });
            }}
          />
        </div>
        <Button type="submit" disabled={busy}>
          Check the file
        </Button>
      </form>

      <div aria-live="polite" className="sr-only">
        {busy ? (phase.uploaded ? "Upload complete; checking the file" : `Uploading ${file?.name ?? "the file"}`) : ""}
      </div>

      {phase.kind === "sending" ? (
        <div className="mb-6 max-w-xl">
          <label htmlFor="upload-progress" className="block font-semibold">
            {phase.uploaded
              ? phase.purpose === "check"
                ? "Checking every line…"
                : "Importing…"
              : `Uploading ${file?.name ?? "the file"}: ${megabytes(phase.loaded)} of ${megabytes(phase.total)}`}
          </label>
          {phase.uploaded ? (
            <progress id="upload-progress" className="mt-2 h-4 w-full" />
          ) : (
            <progress id="upload-progress" className="mt-2 h-4 w-full" max={phase.total || 1} value={phase.loaded} />
          )}
        </div>
      ) : null}

      {phase.kind === "failed" ? (
        <div role="alert" className="mb-6 border-4 border-nhs-red bg-white p-4">
          <h2 ref={resultHeading} tabIndex={-1} className="text-lg font-bold">
            The file could not be checked or imported
          </h2>
          <p>{phase.message}</p>
        </div>
      ) : null}

      {phase.kind === "invalid" ? (
        <section aria-labelledby="problems-heading" className="mb-6 border-4 border-nhs-red bg-white p-4">
          <h2 id="problems-heading" ref={resultHeading} tabIndex={-1} className="text-lg font-bold">
            The file has {plural(phase.report.problemCount, "problem", "problems")}: nothing was imported
          </h2>
          <p className="mb-4">
            {phase.message}
            {phase.report.problemCount > phase.report.problems.length ? ` The first ${phase.report.problems.length} are listed.` : ""}
          </p>
          <table className="w-full border-collapse">
            <caption className="sr-only">Problems in {phase.report.fileName}, by line</caption>
            <ColumnHeads columns={["Line", "Column", "Problem"]} />
            <tbody>
              {phase.report.problems.map((problem, i) => (
                <tr key={`${problem.line}-${i}`} className="border-b border-slate-300">
                  <td className="p-2">{problem.line}</td>
                  <td className="p-2">{problem.column ?? "–"}</td>
                  <td className="p-2">{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {phase.kind === "checked" || phase.kind === "duplicate" ? (
        <section aria-labelledby="ready-heading" className="mb-6 rounded border border-slate-300 bg-white p-4">
          <h2 id="ready-heading" ref={resultHeading} tabIndex={-1} className="mb-2 text-lg font-bold">
            {phase.kind === "duplicate" ? "This file has been imported before" : "The file is ready to import"}
          </h2>
          <Totals report={phase.report} />
          <WardTable report={phase.report} />
          <PreviousImports report={phase.report} />
          {phase.report.previousImports.length > 0 ? (
            <div className="mb-4 flex items-center gap-2">
              <input
                id="confirm-duplicate"
                type="checkbox"
                className="h-6 w-6"
                checked={confirmDuplicate}
                onChange={(event) => setConfirmDuplicate(event.target.checked)}
              />
              <label htmlFor="confirm-duplicate">Import it again anyway</label>
            </div>
          ) : null}
          <Button
            type="button"
            disabled={phase.report.previousImports.length > 0 && !confirmDuplicate}
            onClick={() => void send("import")}
          >
            Import {plural(phase.report.responses, "response", "responses")}
          </Button>
        </section>
      ) : null}

      {phase.kind === "imported" ? (
        <section aria-labelledby="imported-heading" role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4">
          <h2 id="imported-heading" ref={resultHeading} tabIndex={-1} className="mb-2 text-lg font-bold">
            Imported {plural(phase.report.responses, "response", "responses")}
          </h2>
          <Totals report={phase.report} />
          <WardTable report={phase.report} />
        </section>
      ) : null}
    </div>
  );
}
