"use server";

import { requireActor } from "@/lib/auth/actor";
import { signOut } from "@/lib/auth/next-auth";
import type { FormState } from "@/lib/http/form-state";
import { refusal } from "@/lib/http/refusal";
import { changePassword } from "@/lib/users";

export async function changePasswordAction(_state: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor("/account");
  try {
    await changePassword(actor, { current: form.get("current"), password: form.get("password"), confirm: form.get("confirm") });
  } catch (error) {
    // Passwords are never sent back to the browser.
    return refusal(error, form, { keepValues: false });
  }
  // Every session, this one included, ended with the change: sign in again with the new password.
  await signOut({ redirectTo: "/signin?changed=1" });
  return {};
}
