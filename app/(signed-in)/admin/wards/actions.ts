"use server";

import { redirect } from "next/navigation";
import { createWard, rotateWardCode, setWardActive, updateWard } from "@/lib/structure/wards";
import { formObject, type FormState } from "@/lib/http/form-state";
import { adminAction } from "../require-admin";

export async function createWardAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/trusts", form, async (actor) => {
    const ward = await createWard(actor, formObject(form));
    return `Ward "${ward.name}" created. Its survey code is ${ward.surveyCode}.`;
  });
}

export async function updateWardAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/trusts", form, async (actor) => {
    await updateWard(actor, formObject(form));
    return "Ward saved.";
  });
}

export async function setWardActiveAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/trusts", form, async (actor) => {
    const ward = await setWardActive(actor, formObject(form));
    return ward.active ? "The ward's survey is open again." : "The ward's survey is closed: it takes no answers until reopened.";
  });
}

export async function rotateWardCodeAction(_state: FormState, form: FormData): Promise<FormState> {
  const state = await adminAction("/admin/trusts", form, async (actor) => {
    await rotateWardCode(actor, formObject(form));
  });
  // Away from the confirmation step, so a reload cannot rotate the code a second time.
  if (!state.error) redirect(`/admin/wards/${encodeURIComponent(String(form.get("wardId")))}?rotated=1`);
  return state;
}
