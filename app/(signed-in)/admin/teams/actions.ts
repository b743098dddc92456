"use server";

import {
  addTeamMember,
  assignWardToTeam,
  createTeam,
  removeTeamMember,
  removeWardFromTeam,
  setTeamActive,
  updateTeam,
} from "@/lib/structure/teams";
import { formObject, type FormState } from "@/lib/http/form-state";
import { adminAction } from "../require-admin";

export async function createTeamAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/teams", form, async (actor) => {
    const team = await createTeam(actor, formObject(form));
    return `Project team "${team.name}" created.`;
  });
}

export async function updateTeamAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/teams", form, async (actor) => {
    await updateTeam(actor, formObject(form));
    return "Project team saved.";
  });
}

export async function setTeamActiveAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/teams", form, async (actor) => {
    const team = await setTeamActive(actor, formObject(form));
    return team.active ? "The project team is active again." : "The project team is deactivated. Its wards, members and charts are kept.";
  });
}

export async function assignWardAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/teams", form, async (actor) => {
    await assignWardToTeam(actor, formObject(form));
    return "Ward added to the project team.";
  });
}

export async function removeWardAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/teams", form, async (actor) => {
    await removeWardFromTeam(actor, formObject(form));
    return "Ward removed from the project team.";
  });
}

export async function addMemberAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/teams", form, async (actor) => {
    await addTeamMember(actor, formObject(form));
    return "Member added.";
  });
}

export async function removeMemberAction(_state: FormState, form: FormData): Promise<FormState> {
  return adminAction("/admin/teams", form, async (actor) => {
    await removeTeamMember(actor, formObject(form));
    return "Member removed.";
  });
}
