"use client";

import { useActionState } from "react";
import { valueText } from "@/lib/http/form-state";
import { enrolTabletAction, revokeTabletAction, type EnrolTabletState } from "./tablet-actions";
import { ButtonForm, Field, useFormAction } from "@/components/form";
import { Button, ErrorSummary, Notice } from "@/components/ui";

const londonTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" });

/** Names a new tablet and makes its one-time enrolment link, shown with a QR code to scan on the tablet. */
export function EnrolTabletForm({ wardId }: { wardId: string }) {
  const [state, action, pending] = useActionState<EnrolTabletState, FormData>(enrolTabletAction, {});
  return (
    <>
      {state.enrolment ? (
        <Notice>
          <div role="status">
            <p className="font-semibold">Enrolment link for {state.enrolment.tabletName}</p>
            <p className="mb-2 text-sm">
              Scan the QR code with the tablet, or open the link on it, before {londonTime.format(new Date(state.enrolment.expiresAt))} (15 minutes). It works
              once, and is shown only this once.
            </p>
          </div>
          <div className="mb-2 flex flex-wrap items-start gap-4">
            <div role="img" aria-label={`QR code for the enrolment link for ${state.enrolment.tabletName}`} className="h-48 w-48 bg-white" dangerouslySetInnerHTML={{ __html: state.enrolment.qrSvg }} />
            <div className="min-w-0 flex-1">
              <label htmlFor="tablet-link" className="block text-sm font-semibold">
                One-time enrolment link
              </label>
              <input id="tablet-link" readOnly value={state.enrolment.url} className="block w-full max-w-2xl rounded border-2 border-ink bg-white px-3 py-2 font-mono text-sm" />
            </div>
          </div>
        </Notice>
      ) : null}
      <form action={action} noValidate aria-label="Enrol a tablet" className="rounded border border-slate-300 bg-white p-4">
        <ErrorSummary error={state.error} fields={state.fields?.name ? { "tablet-name": state.fields.name } : undefined} />
        <input type="hidden" name="wardId" value={wardId} />
        <Field
          id="tablet-name"
          name="name"
          label="Tablet name"
          hint="Where it is kept, so staff know which one it is, for example “Day room tablet”."
          maxLength={60}
          autoComplete="off"
          defaultValue={state.enrolment ? undefined : valueText(state.values?.name)}
          error={state.fields?.name}
        />
        <Button type="submit" disabled={pending}>
          Make an enrolment link
        </Button>
      </form>
    </>
  );
}

export function RevokeTabletForm({ wardId, tabletId, label }: { wardId: string; tabletId: string; label: string }) {
  const f = useFormAction(revokeTabletAction, `revoke-${tabletId}`);
  return (
    <ButtonForm form={f} hidden={{ wardId, tabletId }} variant="danger">
      {label}
    </ButtonForm>
  );
}
