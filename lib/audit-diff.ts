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
/** Detail fields that hold the id of a trust, ward, team or user (one, or a list), and what they name. */
export const ID_FIELDS: Record<string, "trust" | "ward" | "team" | "user"> = {
  trustId: "trust",
  wardId: "ward",
  teamId: "team",
  teamIds: "team",
  userId: "user",
  fromTeamId: "team",
  toTeamId: "team",
};

/** A resolver from (kind, id) to a name, for the ids an event's details hold. */
export type NameOf = (kind: "trust" | "ward" | "team" | "user", id: string) => string | undefined;

/** "teamId" → "Team", "teamIds" → "Teams": the label once the id is replaced by its name. */
function idFieldLabel(key: string): string {
  return fieldLabel(key.replace(/Ids$/, "s").replace(/Id$/, ""));
}

/** An id field's value with each id replaced by its name (the id itself when the thing is gone). */
function named(value: Json | undefined, kind: "trust" | "ward" | "team" | "user", nameOf: NameOf): Json | undefined {
  if (typeof value === "string") return nameOf(kind, value) ?? value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? (nameOf(kind, v) ?? v) : v));
  return value;
}

/**
 * One row per field in either side, in the order the fields were written (after first, then any
 * only in before). A side that is not an object is shown as a single "Value" row. With `nameOf`,
 * fields holding ids (teamId, wardIds…) show names instead.
 */
export function auditDiff(before: unknown, after: unknown, nameOf?: NameOf): DiffRow[] {
  if (before == null && after == null) return [];
  const b = isRecord(before) ? before : before == null ? {} : { value: before as Json };
  const a = isRecord(after) ? after : after == null ? {} : { value: after as Json };
  const keys = [...Object.keys(a), ...Object.keys(b).filter((key) => !(key in a))];
  return keys.map((key) => {
    const kind = nameOf ? ID_FIELDS[key] : undefined;
    const shown = (side: Record<string, Json>) => (kind && nameOf ? named(side[key], kind, nameOf) : side[key]);
    return {
      field: key,
      label: kind ? idFieldLabel(key) : fieldLabel(key),
      before: formatValue(shown(b)),
      after: formatValue(shown(a)),
      changed: before != null && after != null ? !same(b[key], a[key]) : true,
    };
  });
}

/** Every id of each kind an event's details hold, to look their names up in one go. */
export function idsInDetails(details: readonly unknown[]): Record<"trust" | "ward" | "team" | "user", Set<string>> {
  const out = { trust: new Set<string>(), ward: new Set<string>(), team: new Set<string>(), user: new Set<string>() };
  for (const side of details) {
    if (!isRecord(side)) continue;
    for (const [key, value] of Object.entries(side)) {
      const kind = ID_FIELDS[key];
      if (!kind) continue;
      for (const id of Array.isArray(value) ? value : [value]) if (typeof id === "string") out[kind].add(id);
    }
  }
  return out;
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
  "password-change.failure": "Failed to change their password (wrong current password)",
  "api-token.create": "Made an API token",
  "api-token.revoke": "Revoked an API token",
  "team.aim": "Set a project team's aim",
  "driver-box.create": "Added a box to a driver diagram",
  "driver-box.update": "Changed a box on a driver diagram",
  "driver-box.move": "Moved a box on a driver diagram",
  "driver-box.delete": "Deleted a box from a driver diagram",
  "driver-diagram.import": "Imported a driver diagram",
  "pdsa-cycle.create": "Planned a PDSA cycle",
  "pdsa-cycle.update": "Changed a PDSA cycle",
  "pdsa-cycle.delete": "Deleted a PDSA cycle",
  "note.create": "Added a note to a run chart",
  "note.update": "Changed a note on a run chart",
  "note.delete": "Deleted a note from a run chart",
  "chart-phase.create": "Started a new phase on a run chart",
  "chart-phase.delete": "Removed a phase from a run chart",
  "paper_batch.create": "Entered a batch of paper forms",
  "paper_batch.delete": "Deleted a batch of paper forms",
  "responses.import": "Imported responses from a CSV file",
  "responses.export": "Downloaded every response (CSV)",
  "held-answers.release": "Released answers held for review",
  "held-answers.discard": "Discarded answers held for review",
  "tablet.enrolment-link": "Made a ward tablet enrolment link",
  "tablet.enrol": "Enrolled a ward tablet",
  "tablet.revoke": "Revoked a ward tablet",
  "language.switch-on": "Switched a survey language on",
  "language.switch-off": "Switched a survey language off",
  "language.upload": "Uploaded a checked translation",
};

/** Every action this module has words for, for the audit log's filter. */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(ACTION_LABELS);

export function describeAction(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export const ENTITY_LABELS: Record<string, string> = {
  trust: "Trust",
  ward: "Ward",
  team: "Project team",
  "project-team": "Project team",
  user: "User",
  "driver-box": "Driver diagram box",
  "pdsa-cycle": "PDSA cycle",
  note: "Run chart note",
  "chart-phase": "Run chart phase",
  paper_batch: "Paper forms batch",
  csv_import: "CSV import",
  api_token: "API token",
  export: "Export",
  survey_language: "Survey language",
  ward_tablet: "Ward tablet",
};

export function describeEntityType(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? fieldLabel(entityType);
}
