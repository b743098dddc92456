"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/http/form-state";
import { setLanguageEnabled, uploadCheckedTranslation } from "@/lib/survey/languages";
import { adminAction } from "../require-admin";

const languagePage = (code: FormDataEntryValue | null) => `/admin/languages/${encodeURIComponent(String(code ?? ""))}`;

export async function setLanguageEnabledAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/languages", form, async (actor) => {
    const language = await setLanguageEnabled(actor, { code: form.get("code"), enabled: form.get("enabled") });
    return language.enabled
      ? `${language.englishName} is switched on: the survey now offers ${language.ownName}.`
      : `${language.englishName} is switched off: the survey no longer offers it.`;
  });
}

export async function uploadLanguageAction(_state: FormState, form: FormData): Promise<FormState> {
  const file = form.get("file");
  const text = file instanceof File && file.size > 0 ? await file.text() : "";
  const state = await adminAction(languagePage(form.get("code")), form, async (actor) => {
    await uploadCheckedTranslation(actor, { code: form.get("code"), file: text });
  });
  // Away from the upload, so reloading the page cannot send the file again.
  if (!state.error) redirect(`${languagePage(form.get("code"))}?uploaded=1`);
  return state;
}
