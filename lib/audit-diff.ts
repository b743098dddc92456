// Turns an audit event's before/after JSON into rows a person can read ("Team: Acute Wards →
// Rehab Wards"), for the audit log page. Pure, so it is unit-tested without a database.

export type DiffRow = { field: string; label: string; before: string | null; after: string | null; changed: boolean };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "charterContact" → "Charter contact", "teamIds" → "Team ids". */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/** A value as text; null when there was no value (shown as a dash). */
export function formatValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string") return value === "" ? "(blank)" : value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.map((v) => formatValue(v) ?? "—").join(", ");
  return JSON.stringify(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * One row per field in either side, in the order the fields were written (after first, then any
 * only in before). A side that is not an object is shown as a single "Value" row.
 */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  if (before == null && after == null) return [];
  const b = isRecord(before) ? before : before == null ? {} : { value: before as Json };
  const a = isRecord(after) ? after : after == null ? {} : { value: after as Json };
  const keys = [...Object.keys(a), ...Object.keys(b).filter((key) => !(key in a))];
  return keys.map((key) => ({
    field: key,
    label: fieldLabel(key),
    before: formatValue(b[key]),
    after: formatValue(a[key]),
    changed: before != null && after != null ? !same(b[key], a[key]) : true,
  }));
}

const ACTION_LABELS: Record<string, string> = {
  "trust.create": "Created a trust",
  "trust.rename": "Renamed a trust",
  "trust.deactivate": "Deactivated a trust",
  "trust.reactivate": "Reactivated a trust",
  "ward.create": "Created a ward",
  "ward.update": "Changed a ward",
  "ward.deactivate": "Closed a ward's survey",
  "ward.reactivate": "Reopened a ward's survey",
  "ward.rotate-code": "Gave a ward a new survey code",
  "ward.assign-team": "Moved a ward between project teams",
  "team.create": "Created a project team",
  "team.update": "Changed a project team",
  "team.deactivate": "Deactivated a project team",
  "team.reactivate": "Reactivated a project team",
  "team.add-member": "Added a member to a project team",
  "team.remove-member": "Removed a member from a project team",
  "user.invite": "Invited a user",
  "user.create-cli": "Created a user from the command line",
  "user.set-role": "Changed a user's role",
  "user.set-teams": "Changed a user's project teams",
  "user.deactivate": "Deactivated a user",
  "user.reactivate": "Reactivated a user",
  "user.password-reset-link": "Made a set-password link",
  "user.password-set": "Set a password from a link",
  "user.password-change": "Changed their password",
  "sign-in.success": "Signed in",
  "sign-in.failure": "Failed to sign in",
  "sign-in.refused-locked": "Sign-in refused (too many failures)",
};

/** Every action this module has words for, for the audit log's filter. */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(ACTION_LABELS);

export function describeAction(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export const ENTITY_LABELS: Record<string, string> = { trust: "Trust", ward: "Ward", team: "Project team", user: "User" };

export function describeEntityType(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? fieldLabel(entityType);
}
