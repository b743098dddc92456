import type { Metadata } from "next";
import { headers } from "next/headers";
import { cache } from "react";
import { visibleWard } from "@/lib/auth/access";
import { requireActor } from "@/lib/auth/actor";
import { publicBaseUrl, qrFileName, SCAN_PROMPT, shortUrl, surveyUrl, unreachableFromPhones } from "@/lib/posters";
import { NATIONAL_HELPLINES, SURVEY_INTRODUCTION } from "@/lib/survey/wording";
import { PrintButton } from "./print-button";
import { QrUnreachableWarning } from "../qr-warning";
import { orNotFound } from "@/lib/http/not-found";
import { Notice, PageHeader } from "@/components/ui";

// The ward's A4 poster: what goes on the ward wall so patients and staff can reach the survey from
// their phones. On screen it is a preview with a print button; printed, only the poster remains.

type Props = { params: Promise<{ wardId: string }> };

// Metadata and page both need the ward: one lookup per request.
const loadWard = cache(async (wardId: string) => {
  const actor = await requireActor(`/wards/${wardId}/poster`);
  return orNotFound(visibleWard(actor, { id: wardId }));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const ward = await loadWard((await params).wardId);
  // Also the suggested file name when the poster is saved as a PDF.
  return { title: `${ward.name} survey poster` };
}

export default async function PosterPage({ params }: Props) {
  const { wardId } = await params;
  const ward = await loadWard(wardId);
  const base = publicBaseUrl(await headers());
  const url = surveyUrl(base, ward.surveyCode);
  const unreachable = unreachableFromPhones(base);
  const qrBase = `/wards/${ward.id}`;

  return (
    <>
      <style href="wardsafe-poster-page" precedence="default">
        {"@page { size: A4 portrait; margin: 12mm; }"}
      </style>
      <div className="print:hidden">
        <PageHeader
          back={{ href: "/teams", label: "Back to project teams" }}
          title={`Poster for ${ward.name}`}
          description={`${ward.trust.name}${ward.team ? ` · ${ward.team.name}` : ""}. Print it on A4 paper and put it up where patients and staff will see it.`}
          actions={<PrintButton />}
        />
        <QrUnreachableWarning base={base} reason={unreachable} />
        {ward.active ? null : (
          <Notice>
            This ward&apos;s survey is closed: the QR code opens a page saying it no longer takes responses. Ask your programme
            administrator to reopen it before you put the poster up.
          </Notice>
        )}
        <p className="mb-6">
          The QR code on its own, for your own materials:{" "}
          <a href={`${qrBase}/qr.svg`} download={qrFileName(ward.name, "svg")} className="text-nhs-blue underline">
            download as SVG
          </a>{" "}
          (best for printing) or{" "}
          <a href={`${qrBase}/qr.png`} download={qrFileName(ward.name, "png")} className="text-nhs-blue underline">
            download as PNG
          </a>
          .
        </p>
      </div>

      <article
        aria-label="Poster preview"
        className="mx-auto flex max-w-[210mm] flex-col items-center gap-5 rounded border border-slate-300 bg-white p-8 text-center print:max-w-none print:border-0 print:p-0"
      >
        <h2 className="text-4xl font-bold text-nhs-dark-blue print:text-5xl">{ward.name}</h2>
        <p className="max-w-[16cm] text-2xl font-semibold">{SCAN_PROMPT}</p>
        {/* SVG so the printed code stays sharp at any size; 10–11 cm is well above the 8 cm minimum. */}
        {/* eslint-disable-next-line @next/next/no-img-element -- a generated image, nothing for next/image to optimise */}
        <img
          src={`${qrBase}/qr.svg`}
          alt={`QR code that opens the survey at ${shortUrl(url)}`}
          width={378}
          height={378}
          className="h-auto w-[10cm] max-w-full print:w-[11cm] print:max-w-none"
        />
        <p className="break-all font-mono text-2xl font-bold" data-testid="poster-short-url">
          {shortUrl(url)}
        </p>
        <p className="max-w-[17cm] text-lg print:text-xl">{SURVEY_INTRODUCTION}</p>
        <section aria-labelledby="poster-helplines" className="w-full max-w-[17cm] border-t-2 border-slate-300 pt-4">
          <h3 id="poster-helplines" className="text-xl font-bold print:text-2xl">
            If you want to talk to someone now
          </h3>
          <ul className="mt-2 flex flex-wrap justify-center gap-x-8 gap-y-1 text-lg print:text-xl">
            {NATIONAL_HELPLINES.map((line) => (
              <li key={line.name}>
                {line.name}: <span className="font-bold whitespace-nowrap">{line.phone}</span>
              </li>
            ))}
          </ul>
        </section>
      </article>
    </>
  );
}
