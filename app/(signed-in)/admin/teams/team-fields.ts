import type { FieldSpec } from "../admin-form";

/** A project team's own fields, the same when it is added (from the teams list or its trust) and when it is changed. */
export function teamFields(team?: { name: string; targetPercent: number | null }): FieldSpec[] {
  return [
    { kind: "text", name: "name", label: "Project team name", defaultValue: team?.name },
    {
      kind: "text",
      name: "targetPercent",
      label: "Target % feeling safe (optional)",
      hint: "The team's aim, drawn as a line on its run charts. A whole number from 1 to 100; leave blank for none.",
      defaultValue: team?.targetPercent == null ? "" : String(team.targetPercent),
      inputMode: "numeric",
      short: true,
    },
  ];
}
