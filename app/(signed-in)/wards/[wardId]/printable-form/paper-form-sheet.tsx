import { fill, type Instrument } from "@/lib/survey/instrument";
import { EASY_READ_PICTURES } from "@/lib/survey/assets";
import { NATIONAL_HELPLINES } from "@/lib/survey/wording";

// One paper copy of the survey: the instrument's exact wording with tick boxes, the ward's name,
// the QR code of its online survey, the help, where to put it, and the form's version in small
// print. Sized in millimetres so it prints the same on every printer: A4, or A5 (two to a sheet).

export type PaperSize = "a4" | "a5";
type Picture = (typeof EASY_READ_PICTURES)[number];

function Box({ label, picture, easyRead }: { label: string; picture?: Picture; easyRead: boolean }) {
  return (
    <span className="inline-flex items-center gap-[2.5mm]">
      {/* A square to tick, drawn so it prints on any printer. */}
      <span aria-hidden="true" className="inline-block h-[7mm] w-[7mm] shrink-0 border-[0.5mm] border-black bg-white" />
      {easyRead && picture ? (
        // eslint-disable-next-line @next/next/no-img-element -- a fixed SVG from public/, nothing to optimise
        <img src={`/easy-read/${picture}.svg`} alt="" className="h-[11mm] w-[11mm]" />
      ) : null}
      <span className="font-semibold">{label}</span>
    </span>
  );
}

function Question({ text, hint, choices, picture, easyRead }: { text: string; hint?: string; choices: [string, Picture?][]; picture?: Picture; easyRead: boolean }) {
  return (
    <div className="break-inside-avoid">
      <p className="flex items-center gap-[2.5mm] font-bold">
        {easyRead && picture ? (
          // eslint-disable-next-line @next/next/no-img-element -- a fixed SVG from public/
          <img src={`/easy-read/${picture}.svg`} alt="" className="h-[12mm] w-[12mm]" />
        ) : null}
        {text}
      </p>
      {hint ? <p className="text-[0.85em]">{hint}</p> : null}
      <p className="mt-[2mm] flex flex-wrap gap-x-[10mm] gap-y-[2mm]">
        {choices.map(([label, pic]) => (
          <Box key={label} label={label} picture={pic} easyRead={easyRead} />
        ))}
      </p>
    </div>
  );
}

export function PaperFormSheet(props: { instrument: Instrument; size: PaperSize; wardName: string; charterContact: string; qrSrc: string; shortUrl: string }) {
  const { instrument, size, wardName } = props;
  const t = instrument.texts;
  const easyRead = instrument.format === "easy-read";
  const contact = props.charterContact.trim();
  // A5 is half an A4 sheet; easy read needs the larger type even there.
  const type = size === "a4" ? (easyRead ? "text-[15pt]" : "text-[12pt]") : easyRead ? "text-[10.5pt]" : "text-[9.5pt]";
  return (
    <div
      lang={instrument.lang}
      dir={instrument.dir}
      data-paper-form
      className={`paper-form flex flex-col ${size === "a4" ? "gap-[4mm]" : "gap-[2.5mm]"} overflow-hidden bg-white text-black ${type} leading-snug ${
        size === "a4" ? "h-[297mm] w-[210mm] p-[14mm]" : "h-[210mm] w-[148.5mm] p-[8mm]"
      }`}
    >
      <header className="flex items-start justify-between gap-[4mm] border-b-[0.6mm] border-black pb-[3mm]">
        <div>
          <p className="font-semibold">{t.brand}</p>
          <h2 className="text-[1.5em] font-bold leading-tight">
            {t.surveyFor} {wardName}
          </h2>
        </div>
        <div className="flex shrink-0 flex-col items-center text-center text-[0.75em]">
          {/* eslint-disable-next-line @next/next/no-img-element -- the ward's generated QR code */}
          <img src={props.qrSrc} alt={`QR code for the online survey at ${props.shortUrl}`} className={size === "a4" ? "h-[32mm] w-[32mm]" : "h-[24mm] w-[24mm]"} />
          <span className="max-w-[40mm]">{t.paperScan}</span>
        </div>
      </header>
      <p className="flex items-start gap-[2.5mm]">
        {easyRead ? (
          // eslint-disable-next-line @next/next/no-img-element -- a fixed SVG from public/
          <img src="/easy-read/ward.svg" alt="" className="h-[12mm] w-[12mm] shrink-0" />
        ) : null}
        {t.introduction}
      </p>
      <Question
        easyRead={easyRead}
        text={t.respondentQuestion}
        choices={[
          [t.respondentServiceUser, "service-user"],
          [t.respondentStaff, "staff"],
        ]}
      />
      <Question easyRead={easyRead} picture="safe" text={t.feltSafeQuestion} choices={[[t.yes, "tick"], [t.no, "cross"]]} />
      <Question easyRead={easyRead} picture="speak" text={t.speakUpQuestion} hint={t.speakUpHint} choices={[[t.yes, "tick"], [t.no, "cross"]]} />
      <p className="border-[0.6mm] border-black p-[2.5mm] text-center font-bold">{t.paperReturn}</p>
      <footer className="mt-auto flex flex-col gap-[2mm] text-[0.85em]">
        <p>
          <span className="font-bold">{t.dangerHeading}: </span>
          {t.dangerText}
        </p>
        {contact ? (
          <p className="whitespace-pre-line">
            <span className="font-bold">{fill(t.wardContactsHeading, { ward: wardName })}: </span>
            {contact}
          </p>
        ) : null}
        <p>
          <span className="font-bold">{t.helplinesHeading}: </span>
          {NATIONAL_HELPLINES.map((line) => `${line.name} ${line.phone}`).join(" · ")}
        </p>
        <p className="text-[0.8em]" data-form-version>
          {fill(t.formVersion, { version: instrument.version })} · {instrument.lang} · {easyRead ? "easy read" : "standard"}
        </p>
      </footer>
    </div>
  );
}
