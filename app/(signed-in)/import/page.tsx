import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/actor";
import { canImport } from "@/lib/auth/access";
import { isAdmin } from "@/lib/auth/roles";
import { MAX_LINE_COUNT } from "@/lib/import/rows";
import { listRecentImports } from "@/lib/import/service";
import { importMaxBytes } from "@/lib/import/upload";
import { wardsForPaperEntry } from "@/lib/paper/service";
import { londonDateOf } from "@/lib/survey/london-date";
import { UploadForm } from "./upload-form";
import { Button, PageHeader } from "@/components/ui";
import { ColumnHeads } from "@/components/table";

export const metadata: Metadata = { title: "Import responses" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ImportPage({ searchParams }: Props) {
  const actor = await requireActor("/import");
  if (!canImport(actor)) {
    return (
      <>
        <PageHeader title="Import responses" />
        <p>Only programme administrators and project leads can import responses or enter paper tallies.</p>
      </>
    );
  }
  const query = await searchParams;
  // The "enter paper tallies" picker is a plain GET form, so it works without JavaScript.
  const picked = typeof query.paperWard === "string" ? query.paperWard : undefined;
  if (picked) redirect(`/wards/${encodeURIComponent(picked)}/paper`);

  const byTrust = await wardsForPaperEntry(actor);
  const recent = await listRecentImports(actor, 10);

  return (
    <>
      <PageHeader
        title="Import responses"
        description={
          isAdmin(actor) ? "Enter paper survey tallies, or import historical responses from a CSV file." : "Enter paper survey tallies, or import historical responses for your project team's wards."
        }
      />

      <section aria-labelledby="paper-heading" className="mb-10 max-w-3xl rounded border border-slate-300 bg-white p-6">
        <h2 id="paper-heading" className="mb-2 text-xl font-bold">
          Paper survey tallies
        </h2>
        {byTrust.length === 0 ? (
          <p>You have no wards to enter tallies for yet.</p>
        ) : (
          <form method="get" action="/import" className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="paperWard" className="block font-semibold">
                Ward
              </label>
              <select id="paperWard" name="paperWard" className="mt-1 block min-h-11 rounded border-2 border-ink px-3 py-2">
                {byTrust.map(({ trust, wards }) => (
                  <optgroup key={trust} label={trust}>
                    {wards.map((ward) => (
                      <option key={ward.id} value={ward.id}>
                        {ward.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <Button type="submit" variant="secondary">
              Enter paper tallies
            </Button>
          </form>
        )}
      </section>

      <section aria-labelledby="csv-heading" className="mb-10">
        <h2 id="csv-heading" className="mb-2 text-xl font-bold">
          Import a CSV file
        </h2>
        <div className="mb-6 max-w-3xl">
          <p className="mb-2">
            One line per response, or per group of identical responses with a <code>count</code>. The first line names the columns, in
            any order:
          </p>
          <pre className="mb-2 overflow-x-auto rounded bg-slate-100 p-3 text-sm">ward_code,date,respondent,felt_safe,able_to_speak_up,count</pre>
          <ul className="mb-2 list-disc pl-5">
            <li>
              <code>ward_code</code>: the ward&apos;s survey code (on its poster){isAdmin(actor) ? "" : "; only your project team's wards"}
            </li>
            <li>
              <code>date</code>: YYYY-MM-DD, not in the future
            </li>
            <li>
              <code>respondent</code>: service_user or staff
            </li>
            <li>
              <code>felt_safe</code>: yes or no; <code>able_to_speak_up</code>: yes, no, or empty when unanswered
            </li>
            <li>
              <code>count</code> (optional, 1 when left out): a whole number from 1 to {MAX_LINE_COUNT.toLocaleString("en-GB")};{" "}
              <code>source</code> (optional): online, paper or tablet (a ward tablet), paper when left out
            </li>
          </ul>
          <p>
            <a href="/import/template.csv" className="text-nhs-blue underline" download>
              Download the template (CSV)
            </a>
            . A file with any bad line imports nothing: every problem is listed with its line and column.
          </p>
        </div>
        <UploadForm maxBytes={importMaxBytes()} />
      </section>

      {recent.length > 0 ? (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading" className="mb-2 text-xl font-bold">
            {isAdmin(actor) ? "Recent imports" : "Your recent imports"}
          </h2>
          <table className="w-full border-collapse bg-white">
            <ColumnHeads columns={["Imported on", "File", { label: "Responses", numeric: true }, "Dates", "By"]} />
            <tbody>
              {recent.map((item) => (
                <tr key={item.id} className="border-b border-slate-300">
                  <td className="p-2">{londonDateOf(item.at)}</td>
                  <td className="p-2">{item.fileName}</td>
                  <td className="p-2 text-right">{item.responses.toLocaleString("en-GB")}</td>
                  <td className="p-2">
                    {item.firstDate} to {item.lastDate}
                  </td>
                  <td className="p-2">{item.by ?? "A former user"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
