"use server";

import { ZodError } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { signOut } from "@/lib/auth/next-auth";
import { BadRequestError } from "@/lib/http/api";
import { fieldErrors } from "@/lib/survey/schema";
import { changePassword } from "@/lib/users";

export type ChangePasswordState = { error?: string; fields?: Record<string, string> };

export async function changePasswordAction(_state: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const actor = await requireActor("/account");
  try {
    await changePassword(actor, { current: form.get("current"), password: form.get("password"), confirm: form.get("confirm") });
  } catch (error) {
    if (error instanceof ZodError) return { error: "There is a problem", fields: fieldErrors(error) };
    if (error instanceof BadRequestError) return { error: "There is a problem", fields: error.fields };
    throw error;
  }
  // Every session, this one included, ended with the change: sign in again with the new password.
  await signOut({ redirectTo: "/signin?changed=1" });
  return {};
}
