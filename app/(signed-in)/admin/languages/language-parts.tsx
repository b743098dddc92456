import type { LanguageForAdmin } from "@/lib/survey/languages";

/** Draft (not yet checked by a qualified translator) or checked, wherever an administrator sees a translation. */
export function LanguageStatus({ language }: { language: Pick<LanguageForAdmin, "draftLabel" | "checkedAt"> }) {
  if (language.draftLabel) return <strong className="text-nhs-red">{language.draftLabel}</strong>;
  return <span>Checked translation, uploaded {language.checkedAt ? language.checkedAt.toISOString().slice(0, 10) : ""}</span>;
}

export function OnTheSurvey({ enabled }: { enabled: boolean }) {
  return enabled ? <strong>On</strong> : <span>Off</span>;
}
