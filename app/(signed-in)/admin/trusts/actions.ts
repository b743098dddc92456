"use server";

import { redirect } from "next/navigation";
import { createTrust, renameTrust, setTrustActive } from "@/lib/structure/trusts";
import { formObject, type FormState } from "@/lib/http/form-state";
import { adminAction, adminChange } from "../require-admin";

export const createTrustAction = adminChange("/admin/trusts", createTrust, (trust) => `Trust "${trust.name}" created.`);

export const renameTrustAction = adminChange("/admin/trusts", renameTrust, (trust) => `Saved: the trust is called "${trust.name}".`);

export async function setTrustActiveAction(_state: FormState, form: FormData): Promise<FormState> {
  const state = await adminAction("/admin/trusts", form, async (actor) => {
    await setTrustActive(actor, formObject(form));
  });
  // Away from the confirmation step, so reloading cannot repeat it.
  if (!state.error) redirect(`/admin/trusts/${encodeURIComponent(String(form.get("trustId")))}?changed=${form.get("active") === "true" ? "reactivated" : "deactivated"}`);
  return state;
}
