"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { ZodError } from "zod";
import { createToken, EXPIRY_CHOICES, newTokenSchema, revokeToken } from "@/lib/api-tokens";
import { NotFoundError } from "@/lib/auth/access";
import { requireActor } from "@/lib/auth/actor";
import { fieldErrors } from "@/lib/survey/schema";

export type CreateTokenState = {
  error?: string;
  fields?: Record<string, string>;
  /** What was submitted, put back into the form when there is a problem. */
  values?: { name: string; expiresInDays: string };
  /** Only in the response to the request that made it: the one time the secret is shown. */
  created?: { name: string; token: string };
};

export async function createTokenAction(_state: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  const actor = await requireActor("/account/tokens");
  const input = { name: form.get("name") ?? "", expiresInDays: null };
  const values = { name: String(form.get("name") ?? ""), expiresInDays: String(form.get("expiresInDays") ?? "") };
  const expiry = EXPIRY_CHOICES.find((choice) => choice.value === form.get("expiresInDays"));
  if (!expiry) {
    // Report every problem at once, not one per attempt.
    const name = newTokenSchema.safeParse(input);
    const fields = name.success ? {} : fieldErrors(name.error);
    return { error: "There is a problem", fields: { ...fields, expiresInDays: "Choose when the token expires" }, values };
  }
  try {
    const { token, record } = await createToken(actor, { ...input, expiresInDays: expiry.days });
    revalidatePath("/account/tokens");
    return { created: { name: record.name, token } };
  } catch (error) {
    if (error instanceof ZodError) return { error: "There is a problem", fields: fieldErrors(error), values };
    throw error;
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const actor = await requireActor("/account/tokens");
  const id = String(form.get("id") ?? "");
  try {
    await revokeToken(actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  revalidatePath("/account/tokens");
  redirect(`/account/tokens?revoked=${encodeURIComponent(id)}`);
}
