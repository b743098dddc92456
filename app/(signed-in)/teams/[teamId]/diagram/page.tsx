import type { Metadata } from "next";
import Link from "next/link";
import { DraggableBoxes } from "@/app/(signed-in)/_improvement/draggable-boxes";
import { DiagramDownloads } from "@/app/(signed-in)/_improvement/diagram-downloads";
import { AddBoxForm } from "@/app/(signed-in)/_improvement/add-box-form";
import { AimForm } from "@/app/(signed-in)/_improvement/aim-form";
import { ImportDiagramForm } from "@/app/(signed-in)/_improvement/import-diagram-form";
import { BoxEditor } from "@/app/(signed-in)/_improvement/box-editor";
import { TeamHeader } from "../team-tabs";
import { teamPageMetadata } from "@/app/(signed-in)/teams/[teamId]/team-metadata";
import { requireActor } from "@/lib/auth/actor";
import { aimSentence } from "@/lib/improvement/aim";
import { teamDiagram } from "@/lib/improvement/diagram-service";
import { teamDiagramPicture } from "@/lib/improvement/diagram-svg";
import { column, KIND_LABELS, BOX_KINDS, outline, PARENT_KIND, STATUS_LABELS, type OutlineItem } from "@/lib/improvement/driver-diagram";
import { teamCycles } from "@/lib/improvement/pdsa-service";
import { orNotFound } from "@/lib/http/not-found";

type Props = { params: Promise<{ teamId: string }> };

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return teamPageMetadata(params, "aim and driver diagram", "Driver diagram");
}

const COLUMN_HEADINGS = { PRIMARY: "Primary drivers", SECONDARY: "Secondary drivers", CHANGE_IDEA: "Change ideas" } as const;

export default async function DiagramPage({ params }: Props) {
  const { teamId } = await params;
  const path = `/teams/${teamId}/diagram`;
  const actor = await requireActor(path);
  const data = await orNotFound(teamDiagram(actor, teamId));
  const { team, aim, diagram, canEdit } = data;
  const cycles = await teamCycles(actor, team.id);
  const cyclesPerIdea = new Map<string, number>();
  for (const c of cycles) cyclesPerIdea.set(c.changeIdea.id, (cyclesPerIdea.get(c.changeIdea.id) ?? 0) + 1);
  const picture = teamDiagramPicture(team.name, aimSentence(aim), diagram);
  const { items, unlinked } = outline(diagram);
  const api = `/api/v1/teams/${team.id}/driver-diagram`;
  const empty = diagram.primary.length === 0 && diagram.secondary.length === 0 && diagram.changeIdeas.length === 0;

  const outlineItem = (item: OutlineItem, trail: string) => {
    const n = item.box;
    const count = cyclesPerIdea.get(n.id) ?? 0;
    return (
      <li key={`${trail}-${n.id}`} className="mt-1">
        <span className="font-semibold">{KIND_LABELS[n.kind].one.replace(/^./, (c) => c.toUpperCase())}:</span> {n.text}
        {n.kind === "CHANGE_IDEA" ? (
          <>
            {" "}
            <span className="rounded bg-slate-100 px-1 text-sm font-semibold">{STATUS_LABELS[n.status ?? "IDEA"]}</span>{" "}
            <Link href={`/teams/${team.id}/pdsa?changeIdea=${n.id}`} className="text-sm text-nhs-blue underline print:hidden">
              {count === 0 ? "PDSA cycles: none yet" : `PDSA cycles: ${count}`}
              <span className="sr-only"> for {n.text}</span>
            </Link>
          </>
        ) : null}
        {item.children.length > 0 ? <ul className="ml-6 list-disc">{item.children.map((c) => outlineItem(c, `${trail}-${n.id}`))}</ul> : null}
      </li>
    );
  };

  return (
    <>
      {/* The paper template is A4 landscape; print the diagram on it. */}
      <style>{"@media print { @page { size: A4 landscape; margin: 10mm; } }"}</style>
      <TeamHeader team={team} title={`${team.name}: aim and driver diagram`} current="diagram" />
      {canEdit ? null : (
        <p className="mb-4 print:hidden">You can read this team&apos;s diagram. Only its project team members and programme administrators can change it.</p>
      )}

      <section aria-labelledby="aim-heading" className="mb-8 break-inside-avoid">
        <h2 id="aim-heading" className="text-xl font-bold">
          Aim
        </h2>
        <p className="mt-1 max-w-3xl text-lg">{aimSentence(aim)}</p>
        {aim.isDefault ? <p className="text-sm text-muted print:hidden">This is the collaborative&apos;s aim; the team can write its own.</p> : null}
        {aim.targetPercent !== null ? (
          <p className="text-sm text-muted print:hidden">The target is drawn as a dotted line on the team&apos;s run charts.</p>
        ) : null}
        {canEdit ? (
          <details className="mt-3 print:hidden">
            <summary className="cursor-pointer font-semibold text-nhs-blue underline">Change the aim</summary>
            <div className="mt-2">
              <AimForm teamId={team.id} path={path} aim={aim} />
            </div>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="diagram-heading" className="mb-8">
        <h2 id="diagram-heading" className="text-xl font-bold print:hidden">
          Driver diagram
        </h2>
        <p className="mb-2 text-sm text-muted print:hidden">
          Read left to right: the aim, what drives it, and the changes being tested. The outline below lists the same diagram.
        </p>
        <figure className="overflow-x-auto rounded border border-slate-300 bg-white print:overflow-visible print:border-0">
          <div className="driver-diagram-picture min-w-[900px] print:min-w-0 [&>svg]:h-auto [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: picture.svg }} />
        </figure>
        <DiagramDownloads svgHref={`${api}?format=svg&download=1`} jsonHref={`${api}?format=json&download=1`} svgText={picture.svg} width={picture.width} height={picture.height} fileName={picture.fileName} />
      </section>

      <section aria-labelledby="outline-heading" className="mb-8 print:hidden">
        <h2 id="outline-heading" className="text-xl font-bold">
          Outline
        </h2>
        {items.length === 0 ? <p>No drivers yet.{canEdit ? " Add a primary driver below." : ""}</p> : <ul className="ml-6 list-disc">{items.map((i) => outlineItem(i, "o"))}</ul>}
        {unlinked.length > 0 ? (
          <>
            <h3 className="mt-4 font-bold">Not linked to a driver</h3>
            <ul className="ml-6 list-disc">
              {unlinked.map((n) => (
                <li key={n.id}>
                  {KIND_LABELS[n.kind].one}: {n.text}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {canEdit ? (
        <section aria-labelledby="edit-heading" className="mb-8 print:hidden">
          <h2 id="edit-heading" className="text-xl font-bold">
            Change the diagram
          </h2>
          <p className="mb-4 max-w-3xl">
            Add, rename, reorder, link and delete the boxes. Each secondary driver serves at least one primary driver and each change idea at least one
            secondary driver; tick the boxes it serves.
          </p>
          {BOX_KINDS.map((kind) => {
            const boxes = column(diagram, kind);
            const parentKind = PARENT_KIND[kind];
            const parents = parentKind ? column(diagram, parentKind).map((p) => ({ id: p.id, text: p.text })) : [];
            return (
              <section key={kind} aria-labelledby={`edit-${kind}`} className="mb-8">
                <h3 id={`edit-${kind}`} className="text-lg font-bold">
                  {COLUMN_HEADINGS[kind]}
                </h3>
                {boxes.length === 0 ? <p className="text-muted">None yet.</p> : null}
                <DraggableBoxes
                  path={path}
                  boxes={boxes.map((box, index) => ({
                    id: box.id,
                    name: `${KIND_LABELS[box.kind].one} ${index + 1}, ${box.text}`,
                    content: (
                      <>
                        <p className="font-semibold">
                          {index + 1}. {box.text}
                          {box.kind === "CHANGE_IDEA" ? <span className="ml-2 rounded bg-slate-100 px-1 text-sm">{STATUS_LABELS[box.status ?? "IDEA"]}</span> : null}
                        </p>
                        {parentKind ? (
                          <p className="text-sm text-muted">
                            Serves:{" "}
                            {box.parentIds.length === 0
                              ? "nothing yet"
                              : box.parentIds.map((id) => parents.find((p) => p.id === id)?.text ?? "").join("; ")}
                          </p>
                        ) : null}
                        <BoxEditor box={box} number={index + 1} count={boxes.length} teamId={team.id} path={path} parents={parents} />
                      </>
                    ),
                  }))}
                />
                {parentKind && parents.length === 0 ? (
                  <p className="mt-3">Add a {KIND_LABELS[parentKind].one} first: each {KIND_LABELS[kind].one} links to at least one.</p>
                ) : (
                  <AddBoxForm teamId={team.id} path={path} kind={kind} parents={parents} />
                )}
              </section>
            );
          })}
        </section>
      ) : null}

      {canEdit ? (
        <section aria-labelledby="import-heading" className="mb-8 print:hidden">
          <h2 id="import-heading" className="text-xl font-bold">
            Copy a diagram from another team
          </h2>
          <p className="mb-3 max-w-3xl">Import a driver diagram file downloaded from any team&apos;s page. Nothing changes unless the whole file is valid.</p>
          <ImportDiagramForm teamId={team.id} path={path} empty={empty} />
        </section>
      ) : null}
    </>
  );
}
