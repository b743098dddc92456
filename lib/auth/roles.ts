// The three roles and what each may do. Read by lib/auth/access.ts, which is where every query is
// scoped; nothing else decides access.

export const ROLES = ["ADMIN", "QI_COACH", "PROJECT_LEAD"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Programme administrator",
  QI_COACH: "QI coach",
  PROJECT_LEAD: "Project lead",
};

export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The project teams the user is a member of (what a project lead may see). */
  teamIds: readonly string[];
};

/** Reads every trust, ward and team (admins and QI coaches). */
export const seesEverything = (actor: Actor) => actor.role === "ADMIN" || actor.role === "QI_COACH";
export const isAdmin = (actor: Actor) => actor.role === "ADMIN";
