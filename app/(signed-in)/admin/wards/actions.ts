"use server";

import { redirect } from "next/navigation";
import { createWard, rotateWardCode, setWardActive, updateWard } from "@/lib/structure/wards";
import { formObject, type FormState } from "@/lib/http/form-state";
import { adminAction, adminChange, whenDeactivating } from "../require-admin";

export const createWardAction = adminChange("/admin/trusts", createWard, (ward) => `Ward "${ward.name}" created. Its survey code is ${ward.surveyCode}.`);

export const updateWardAction = adminChange("/admin/trusts", updateWard, () => "Ward saved.");

export const setWardActiveAction = adminChange(
  "/admin/trusts",
  setWardActive,
  (ward) => (ward.active ? "The ward's survey is open again." : "The ward's survey is closed: it takes no answers until reopened."),
  [],
  whenDeactivating,
);

export async function rotateWardCodeAction(_state: FormState, form: FormData): Promise<FormState> {
  const state = await adminAction("/admin/trusts", form, async (actor) => {
    await rotateWardCode(actor, formObject(form));
  });
  // Away from the confirmation step, so a reload cannot rotate the code a second time.
  if (!state.error) redirect(`/admin/wards/${encodeURIComponent(String(form.get("wardId")))}?rotated=1`);
  return state;
}
