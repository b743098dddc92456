"use server";

import { addTeamMember, assignWardToTeam, createTeam, removeTeamMember, removeWardFromTeam, setTeamActive, updateTeam } from "@/lib/structure/teams";
import { adminChange, whenDeactivating } from "../require-admin";

export const createTeamAction = adminChange("/admin/teams", createTeam, (team) => `Project team "${team.name}" created.`);

export const updateTeamAction = adminChange("/admin/teams", updateTeam, () => "Project team saved.");

export const setTeamActiveAction = adminChange(
  "/admin/teams",
  setTeamActive,
  (team) => (team.active ? "The project team is active again." : "The project team is deactivated. Its wards, members and charts are kept."),
  [],
  whenDeactivating,
);

export const assignWardAction = adminChange("/admin/teams", assignWardToTeam, () => "Ward added to the project team.");

export const removeWardAction = adminChange("/admin/teams", removeWardFromTeam, () => "Ward removed from the project team.");

export const addMemberAction = adminChange("/admin/teams", addTeamMember, () => "Member added.");

export const removeMemberAction = adminChange("/admin/teams", removeTeamMember, () => "Member removed.");
