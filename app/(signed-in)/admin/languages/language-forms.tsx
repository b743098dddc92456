"use client";

import { ButtonForm, useFormAction } from "@/components/form";
import { Button } from "@/components/ui";
import { setLanguageEnabledAction, uploadLanguageAction } from "./actions";

/** Switch a language on or off for the public survey: one button. */
export function LanguageSwitchForm({ code, name, enabled }: { code: string; name: string; enabled: boolean }) {
  const form = useFormAction(setLanguageEnabledAction, `switch-${code}`);
  return (
    <div>
      {form.done}
      <ButtonForm form={form} hidden={{ code, enabled: String(!enabled) }} variant={enabled ? "secondary" : "primary"}>
        {enabled ? "Switch off" : "Switch on"}
        <span className="sr-only"> {name}</span>
      </ButtonForm>
    </div>
  );
}

/**
 * Upload a checked translation. Every problem in the file is listed (each names its key), all
 * pointing at the file field, since they are all fixed in the one file.
 */
export function LanguageUploadForm({ code }: { code: string }) {
  const form = useFormAction(uploadLanguageAction, "upload");
  const problems = Object.values(form.state.fields ?? {});
  return (
    <form action={form.formAction} noValidate aria-label="Upload a checked translation" className="rounded border border-slate-300 bg-white p-4">
      {form.state.error ? (
        <div role="alert" className="mb-6 border-4 border-nhs-red bg-white p-4">
          <h3 className="text-lg font-bold">{form.state.error}</h3>
          {problems.length > 0 ? (
            <ul className="mt-2 list-disc pl-5">
              {problems.map((problem) => (
                <li key={problem}>
                  <a className="font-semibold text-nhs-red underline" href="#upload-file">
                    {problem}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <input type="hidden" name="code" value={code} />
      <div className="mb-4">
        <label htmlFor="upload-file" className="block font-semibold">
          Language file
        </label>
        <p id="upload-file-hint" className="text-muted">
          The .json file downloaded from this page, with its texts checked by a qualified translator. Every key must be there, each placeholder kept
          (such as {"{ward}"}), and each text within its length.
        </p>
        <input
          id="upload-file"
          name="file"
          type="file"
          accept="application/json,.json"
          aria-describedby="upload-file-hint"
          aria-invalid={problems.length > 0 ? true : undefined}
          className="mt-1 block"
        />
      </div>
      <Button type="submit" disabled={form.pending}>
        Upload checked translation
      </Button>
    </form>
  );
}
