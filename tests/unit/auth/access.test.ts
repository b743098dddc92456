import { describe, expect, it } from "vitest";
import { canCompare, canEditTeam, canEnterPaper, canImport, paperEntryScope, seesAllTeams, teamScope, wardScope } from "@/lib/auth/access";
import type { Actor, Role } from "@/lib/auth/roles";

// The access questions the pages and services ask, answered in lib/auth/access only. A change of
// who may do what is made there and shows here.

const actor = (role: Role, teamIds: string[] = []): Actor => ({ id: `u-${role}`, email: `${role}@example.nhs.uk`, name: role, role, teamIds });

const admin = actor("ADMIN");
const coach = actor("QI_COACH");
const lead = actor("PROJECT_LEAD", ["team-a"]);

describe("access questions", () => {
  it("lets admins and project leads import, never QI coaches", () => {
    expect([admin, coach, lead].map(canImport)).toEqual([true, false, true]);
  });

  it("lets admins and project leads enter paper tallies, never QI coaches", () => {
    expect([admin, coach, lead].map(canEnterPaper)).toEqual([true, false, true]);
  });

  it("gives a QI coach no ward to enter paper for, although they see every ward", () => {
    expect(wardScope(coach)).toEqual({});
    expect(paperEntryScope(coach)).toEqual({ id: { in: [] } });
  });

  it("scopes a project lead's paper entry to their own teams' wards, and an admin's to every ward", () => {
    expect(paperEntryScope(lead)).toEqual({ teamId: { in: ["team-a"] } });
    expect(paperEntryScope(admin)).toEqual({});
  });

  it("lets only admins and QI coaches compare wards or see every team", () => {
    expect([admin, coach, lead].map(canCompare)).toEqual([true, true, false]);
    expect([admin, coach, lead].map(seesAllTeams)).toEqual([true, true, false]);
    expect(teamScope(lead)).toEqual({ id: { in: ["team-a"] } });
  });

  it("lets a project lead edit only their own team's charts", () => {
    expect(canEditTeam(lead, "team-a")).toBe(true);
    expect(canEditTeam(lead, "team-b")).toBe(false);
    expect(canEditTeam(lead, null)).toBe(false);
    expect(canEditTeam(coach, "team-a")).toBe(false);
    expect(canEditTeam(admin, "team-b")).toBe(true);
  });
});
