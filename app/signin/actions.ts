"use server";

import { CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";

export type SignInState = { error?: string; email?: string };

/** Only same-site paths: a sign-in link must not be usable to bounce someone to another site. */
function safeReturnPath(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "/";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

export async function signInAction(_state: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", { email, password: String(form.get("password") ?? ""), redirectTo: safeReturnPath(form.get("callbackUrl")) });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const code = error.code ?? "";
      if (code.startsWith("locked:")) {
        return { email, error: `Too many failed attempts. For your security, signing in is paused for ${code.slice(7)}. Please try again then.` };
      }
      return { email, error: "The email address or password is not right." };
    }
    throw error; // includes Next's redirect on success
  }
  return {};
}
