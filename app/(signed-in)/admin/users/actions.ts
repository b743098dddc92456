"use server";

import { inviteUserToTeams, resetLinkForUser, setUserActive, setUserRole, setUserTeams } from "@/lib/structure/users";
import { formObject, type FormState } from "@/lib/http/form-state";
import { adminAction, adminChange, whenDeactivating } from "../require-admin";
import { requestBaseUrl } from "../base-url";

export async function inviteUserAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/users", form, async (actor) => {
    // Before the account exists: a link that cannot be shown would leave an invitation nobody has.
    const base = await requestBaseUrl();
    const { link } = await inviteUserToTeams(actor, formObject(form, ["teamIds"]));
    return { link: { url: `${base}${link}`, label: `Account created for ${String(form.get("name")).trim()}. Send them this link to set their password.` } };
  });
}

export async function resetLinkAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/users", form, async (actor) => {
    const base = await requestBaseUrl();
    const link = await resetLinkForUser(actor, String(form.get("userId") ?? ""));
    return { link: { url: `${base}${link}`, label: "New set-password link made. Any earlier unused link no longer works." } };
  });
}

export const setUserRoleAction = adminChange("/admin/users", setUserRole, () => "Role saved. It applies from their next page.");

export const setUserActiveAction = adminChange(
  "/admin/users",
  setUserActive,
  (_, form) => (form.get("active") === "true" ? "The user is active again and can sign in." : "The user is deactivated and signed out everywhere."),
  [],
  whenDeactivating,
);

export const setUserTeamsAction = adminChange("/admin/users", setUserTeams, () => "Project teams saved.", ["teamIds"]);
