"use server";

import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { BadRequestError } from "@/lib/http/api";
import { fieldErrors } from "@/lib/survey/schema";
import { setPasswordWithLink } from "@/lib/users";

export type SetPasswordState = { error?: string; fields?: Record<string, string> };

export async function setPasswordAction(token: string, _state: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  try {
    await setPasswordWithLink(token, { password: form.get("password"), confirm: form.get("confirm") });
  } catch (error) {
    if (error instanceof ZodError) return { error: "There is a problem", fields: fieldErrors(error) };
    if (error instanceof BadRequestError) return { error: error.message };
    throw error;
  }
  redirect("/signin?changed=1");
}
