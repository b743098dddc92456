"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/actor";
import { formText as text, type FormState } from "@/lib/http/form-state";
import { refusal } from "@/lib/http/refusal";
import { qrSvg } from "@/lib/posters";
import { revokeTablet, startEnrolment } from "@/lib/survey/tablets/tablets";
import { requestBaseUrl } from "@/app/(signed-in)/admin/base-url";

// Enrolling and revoking the ward's tablets from its page. The ward (and tablet) come from hidden
// fields, never bound arguments; lib/survey/tablets authorises, validates and audits.

const WORDS = {
  notFound: "This ward is not one of yours, or that tablet has been revoked already.",
  forbidden: "Only the ward's project leads and programme administrators can enrol or revoke its tablets.",
};

/** The one-time link, shown in the answer to the action that made it and never again. */
export type EnrolTabletState = FormState & { enrolment?: { url: string; qrSvg: string; tabletName: string; expiresAt: string } };

export async function enrolTabletAction(_state: EnrolTabletState, form: FormData): Promise<EnrolTabletState> {
  const wardId = text(form, "wardId") ?? "";
  const actor = await requireActor(`/wards/${encodeURIComponent(wardId)}`);
  try {
    const link = await startEnrolment(actor, { wardId, name: text(form, "name") ?? "" });
    const url = `${(await requestBaseUrl()).replace(/\/+$/, "")}/k/enrol/${link.token}`;
    return { enrolment: { url, qrSvg: await qrSvg(url), tabletName: link.tabletName, expiresAt: link.expiresAt.toISOString() } };
  } catch (error) {
    return refusal(error, form, WORDS);
  }
}

export async function revokeTabletAction(_state: FormState, form: FormData): Promise<FormState> {
  const wardId = text(form, "wardId") ?? "";
  const path = `/wards/${encodeURIComponent(wardId)}`;
  const actor = await requireActor(path);
  let revoked: { name: string };
  try {
    revoked = await revokeTablet(actor, { wardId, tabletId: text(form, "tabletId") ?? "" });
  } catch (error) {
    return refusal(error, form, WORDS);
  }
  revalidatePath(path);
  redirect(`${path}?${new URLSearchParams({ revokedTablet: revoked.name })}#tablets`);
}
