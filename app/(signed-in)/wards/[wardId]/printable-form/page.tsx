import type { Metadata } from "next";
import { headers } from "next/headers";
import { cache } from "react";
import { visibleWard } from "@/lib/auth/access";
import { requireActor } from "@/lib/auth/actor";
import { orNotFound } from "@/lib/http/not-found";
import { publicBaseUrl, shortUrl, surveyUrl, unreachableFromPhones } from "@/lib/posters";
import { chosenFormat, DRAFT_LABEL, ENGLISH_NAME, instrumentFor, surveyLanguage } from "@/lib/survey/instrument";
import { switchedOnLanguages } from "@/lib/survey/languages";
import { PageHeader } from "@/components/ui";
import { PrintButton } from "../poster/print-button";
import { QrUnreachableWarning } from "../qr-warning";
import { PaperFormSheet, type PaperSize } from "./paper-form-sheet";

// The ward's paper survey form, for people who will not or cannot answer on a screen: A4 (one to a
// page) or A5 (two to an A4 sheet, to cut), in standard English, easy read or any language switched
// on for the survey (a translation is the standard wording). A print stylesheet
// does it: the browser's own Print (or Save as PDF) gives exactly the sheet shown.

type Props = { params: Promise<{ wardId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const loadWard = cache(async (wardId: string) => {
  const actor = await requireActor(`/wards/${wardId}/printable-form`);
  return orNotFound(visibleWard(actor, { id: wardId }));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const ward = await loadWard((await params).wardId);
  return { title: `${ward.name} paper survey form` };
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function PrintableFormPage({ params, searchParams }: Props) {
  const ward = await loadWard((await params).wardId);
  const search = await searchParams;
  const size: PaperSize = one(search.size) === "a5" ? "a5" : "a4";
  const format = chosenFormat(one(search.format)) ?? (ward.surveyFormat === "EASY_READ" ? "easy-read" : "standard");
  const languages = await switchedOnLanguages();
  const wanted = surveyLanguage(one(search.lang));
  const translation = languages.find((known) => known.language.code === wanted?.code);
  const lang = translation?.language.code ?? ENGLISH_NAME.code;
  const instrument = instrumentFor({ chosen: format, translation: translation?.instrument });
  const base = publicBaseUrl(await headers());
  const url = surveyUrl(base, ward.surveyCode);
  const here = (change: { size?: PaperSize; format?: string; lang?: string }) =>
    `/wards/${ward.id}/printable-form?${new URLSearchParams({ size: change.size ?? size, format: change.format ?? format, lang: change.lang ?? lang })}`;
  const sheet = (
    <PaperFormSheet instrument={instrument} size={size} wardName={ward.name} charterContact={ward.charterContact} qrSrc={`/wards/${ward.id}/qr.svg`} shortUrl={shortUrl(url)} />
  );
  const choice = (href: string, label: string, current: boolean) =>
    current ? (
      <span aria-current="true" className="font-bold">
        {label}
      </span>
    ) : (
      // A full page load, not a client-side one: the page's @page size must be the only one in it.
      <a href={href} className="text-nhs-blue underline">
        {label}
      </a>
    );

  return (
    <>
      <style href={`wardsafe-paper-form-${size}`} precedence="default">
        {`@page { size: ${size === "a4" ? "A4 portrait" : "A4 landscape"}; margin: 0; }`}
      </style>
      <div className="print:hidden">
        <PageHeader
          back={{ href: `/wards/${ward.id}`, label: `Back to ${ward.name}` }}
          title={`Paper survey form for ${ward.name}`}
          description="The same questions as the online survey, to print and leave on the ward with a sealed box. Count the returned forms on the ward's Paper forms page."
          actions={<PrintButton label="Print form" />}
        />
        <QrUnreachableWarning base={base} reason={unreachableFromPhones(base)} />
        {translation && !translation.checked ? (
          <p className="mb-4 border-l-4 border-nhs-red bg-white p-2 font-semibold">
            {translation.language.englishName}: {DRAFT_LABEL.charAt(0).toLowerCase()}
            {DRAFT_LABEL.slice(1)}.
          </p>
        ) : null}
        <nav aria-label="Form options" className="mb-6 flex flex-wrap gap-x-10 gap-y-2">
          <p>
            Size: {choice(here({ size: "a4" }), "A4, one to a page", size === "a4")} · {choice(here({ size: "a5" }), "A5, two to an A4 sheet", size === "a5")}
          </p>
          <p>
            Language:{" "}
            {[{ code: ENGLISH_NAME.code, englishName: "English" }, ...languages.map((known) => known.language)].map((language, i) => (
              <span key={language.code}>
                {i > 0 ? " · " : ""}
                {choice(here({ lang: language.code }), language.englishName, lang === language.code)}
              </span>
            ))}
          </p>
          {translation ? null : (
            <p>
              Wording: {choice(here({ format: "standard" }), "Standard", format === "standard")} ·{" "}
              {choice(here({ format: "easy-read" }), "Easy read, with pictures", format === "easy-read")}
            </p>
          )}
        </nav>
        <p className="mb-4 text-sm">Print at 100% (actual size), with margins set to none, for the form to fit its page.</p>
      </div>
      {/* Focusable so that a keyboard can scroll a sheet wider than the screen. */}
      <div className="overflow-x-auto print:overflow-visible" tabIndex={0} role="region" aria-label="Sheet to print">
        <article
          aria-label="Form preview"
          className={`relative mx-auto flex bg-white shadow-[0_0_0_1px_#94a3b8] print:shadow-none ${size === "a4" ? "w-[210mm]" : "h-[210mm] w-[297mm]"}`}
        >
          {sheet}
          {size === "a5" ? (
            <>
              <div aria-hidden="true">{sheet}</div>
              {/* Where to cut the sheet in two: drawn over the join, so it takes no width. */}
              <div aria-hidden="true" className="absolute inset-y-0 left-[148.5mm] border-l-[0.3mm] border-dashed border-slate-500" />
            </>
          ) : null}
        </article>
      </div>
    </>
  );
}
