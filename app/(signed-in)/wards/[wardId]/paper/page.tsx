import type { Metadata } from "next";
import { cache } from "react";
import { visibleWard } from "@/lib/auth/access";
import { requireActor } from "@/lib/auth/actor";
import { canEnterPaper, listPaperBatches } from "@/lib/paper/service";
import { DELETE_WINDOW_DAYS } from "@/lib/paper/tally";
import { londonDateOf } from "@/lib/survey/london-date";
import { DeleteBatchForm } from "./delete-batch-form";
import { PaperBatchForm } from "./paper-form";
import { orNotFound } from "@/lib/http/not-found";
import { ButtonLink, Notice, PageHeader } from "@/components/ui";
import { ColumnHeads } from "@/components/table";

// Paper survey tallies for one ward: enter a batch (with a summary step before saving) and see the
// batches entered so far; a batch entered by mistake can be deleted as a whole for 30 days.

type Props = { params: Promise<{ wardId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = cache(async (wardId: string) => {
  const actor = await requireActor(`/wards/${wardId}/paper`);
  const ward = await orNotFound(visibleWard(actor, { id: wardId }));
    return { actor, ward };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { ward } = await load((await params).wardId);
  return { title: `Paper survey tallies – ${ward.name}` };
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function PaperTalliesPage({ params, searchParams }: Props) {
  const { wardId } = await params;
  const query = await searchParams;
  const { actor, ward } = await load(wardId);
  const batches = await listPaperBatches(actor, ward.id);
  const canEdit = canEnterPaper(actor, ward);
  const path = `/wards/${ward.id}/paper`;
  const saved = batches.find((b) => b.id === one(query.saved));
  const deleted = one(query.deleted);
  const toDelete = batches.find((b) => b.id === one(query.delete) && b.canDelete);

  return (
    <>
      <PageHeader
        back={{ href: "/teams", label: "Back to project teams" }}
        title={`Paper survey tallies for ${ward.name}`}
        description={`${ward.trust.name}${ward.team ? ` · ${ward.team.name}` : ""}. Paper forms are counted in the run charts exactly like online responses.`}
      />
      {saved ? (
        <Notice>
          Saved: {saved.responses} paper {saved.responses === 1 ? "response" : "responses"} collected on {saved.collectedOn}.
        </Notice>
      ) : null}
      {deleted !== undefined && /^\d+$/.test(deleted) ? <Notice>Deleted the batch and its {deleted} responses.</Notice> : null}

      {toDelete ? (
        <section aria-labelledby="delete-heading" className="mb-8 max-w-2xl border-4 border-nhs-red bg-white p-6">
          <h2 id="delete-heading" className="mb-2 text-xl font-bold">
            Delete the batch collected on {toDelete.collectedOn}?
          </h2>
          <p className="mb-4">
            Its {toDelete.responses} responses ({toDelete.serviceUsers} from service users, {toDelete.staff} from staff) will be removed
            from the run charts. This cannot be undone; the deletion is recorded in the audit log.
          </p>
          <DeleteBatchForm wardId={ward.id} batchId={toDelete.id} cancelHref={path} />
        </section>
      ) : null}

      {canEdit ? (
        <section aria-labelledby="enter-heading" className="mb-10 rounded border border-slate-300 bg-white p-6">
          <h2 id="enter-heading" className="mb-4 text-xl font-bold">
            Enter a batch of paper forms
          </h2>
          <PaperBatchForm wardId={ward.id} wardName={ward.name} today={londonDateOf(new Date())} />
        </section>
      ) : (
        <p className="mb-8 text-muted">Only the ward&apos;s project team and programme administrators can enter paper tallies.</p>
      )}

      <section aria-labelledby="batches-heading">
        <h2 id="batches-heading" className="mb-2 text-xl font-bold">
          Batches entered
        </h2>
        {batches.length === 0 ? (
          <p>No paper batches have been entered for this ward yet.</p>
        ) : (
          <>
            <p className="mb-4 text-muted">A batch can be deleted as a whole within {DELETE_WINDOW_DAYS} days of being entered, to correct a mistake.</p>
            <table className="w-full border-collapse bg-white">
              <ColumnHeads columns={["Collected on", "Form", { label: "Responses", numeric: true }, { label: "Service users", numeric: true }, { label: "Staff", numeric: true }, "Entered by", "Entered on", { label: <span className="sr-only">Actions</span> }]} />
              <tbody>
                {batches.map((batch) => (
                  <tr key={batch.id} className="border-b border-slate-300">
                    <td className="p-2">{batch.collectedOn}</td>
                    <td className="p-2">{batch.formVersion === "original" ? "Original" : `Version ${batch.formVersion}`}</td>
                    <td className="p-2 text-right">{batch.responses}</td>
                    <td className="p-2 text-right">{batch.serviceUsers}</td>
                    <td className="p-2 text-right">{batch.staff}</td>
                    <td className="p-2">{batch.enteredBy ?? "A former user"}</td>
                    <td className="p-2">{londonDateOf(batch.enteredAt)}</td>
                    <td className="p-2">
                      {batch.canDelete ? (
                        <ButtonLink href={`${path}?delete=${encodeURIComponent(batch.id)}#delete-heading`} variant="secondary">
                          Delete<span className="sr-only"> the batch collected on {batch.collectedOn}</span>
                        </ButtonLink>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
