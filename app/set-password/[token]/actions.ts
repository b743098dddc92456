"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/http/form-state";
import { refusal } from "@/lib/http/refusal";
import { setPasswordWithLink } from "@/lib/users";

export async function setPasswordAction(token: string, _state: FormState, form: FormData): Promise<FormState> {
  try {
    await setPasswordWithLink(token, { password: form.get("password"), confirm: form.get("confirm") });
  } catch (error) {
    // A used or expired link is refused with its own words; passwords are never sent back.
    return refusal(error, form, { invalid: "own", keepValues: false });
  }
  redirect("/signin?changed=1");
}
