"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createToken, EXPIRY_CHOICES, newTokenSchema, revokeToken } from "@/lib/api-tokens";
import { requireActor } from "@/lib/auth/actor";
import { fieldErrors } from "@/lib/http/fields";
import { typedValues, type FormState } from "@/lib/http/form-state";
import { refusal } from "@/lib/http/refusal";
import { orNotFound } from "@/lib/http/not-found";

export type CreateTokenState = FormState & {
  /** Only in the response to the request that made it: the one time the secret is shown. */
  created?: { name: string; token: string };
};

export async function createTokenAction(_state: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  const actor = await requireActor("/account/tokens");
  const input = { name: form.get("name") ?? "", expiresInDays: null };
  const values = typedValues(form);
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
    return refusal(error, form);
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const actor = await requireActor("/account/tokens");
  const id = String(form.get("id") ?? "");
  await orNotFound(revokeToken(actor, id));
  revalidatePath("/account/tokens");
  redirect(`/account/tokens?revoked=${encodeURIComponent(id)}`);
}
