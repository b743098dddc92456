import { describe, expect, it } from "vitest";
import { auditDiff, describeAction, describeEntityType, fieldLabel, formatValue } from "@/lib/audit-diff";

describe("auditDiff", () => {
  it("shows only what a change touched, before and after, marked changed", () => {
    expect(auditDiff({ name: "Willow", team: "Acute" }, { name: "Willow Ward", team: "Acute" })).toEqual([
      { field: "name", label: "Name", before: "Willow", after: "Willow Ward", changed: true },
      { field: "team", label: "Team", before: "Acute", after: "Acute", changed: false },
    ]);
  });

  it("lists a created record's fields with no before", () => {
    expect(auditDiff(null, { name: "Oak Lodge", active: true, team: null })).toEqual([
      { field: "name", label: "Name", before: null, after: "Oak Lodge", changed: true },
      { field: "active", label: "Active", before: null, after: "Yes", changed: true },
      { field: "team", label: "Team", before: null, after: null, changed: true },
    ]);
  });

  it("keeps fields that only the before side has (a removal), after the after side's fields", () => {
    const rows = auditDiff({ member: "a@nhs.uk", extra: 1 }, { member: "b@nhs.uk" });
    expect(rows.map((r) => [r.field, r.before, r.after, r.changed])).toEqual([
      ["member", "a@nhs.uk", "b@nhs.uk", true],
      ["extra", "1", null, true],
    ]);
  });

  it("shows a non-object side as a single Value row, and nothing when there is nothing", () => {
    expect(auditDiff("old", "new")).toEqual([{ field: "value", label: "Value", before: "old", after: "new", changed: true }]);
    expect(auditDiff(null, undefined)).toEqual([]);
  });

  it("treats arrays and nested values by content, not identity", () => {
    const rows = auditDiff({ teams: ["A", "B"] }, { teams: ["A", "B"] });
    expect(rows[0]).toMatchObject({ before: "A, B", after: "A, B", changed: false });
  });
});

describe("formatting", () => {
  it("formats values for people", () => {
    expect(formatValue(true)).toBe("Yes");
    expect(formatValue(false)).toBe("No");
    expect(formatValue("")).toBe("(blank)");
    expect(formatValue([])).toBe("(none)");
    expect(formatValue(["X", null])).toBe("X, —");
    expect(formatValue(90)).toBe("90");
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue(null)).toBeNull();
    expect(formatValue(undefined)).toBeNull();
  });

  it("turns field keys into labels", () => {
    expect(fieldLabel("charterContact")).toBe("Charter contact");
    expect(fieldLabel("targetPercent")).toBe("Target percent");
    expect(fieldLabel("survey_code")).toBe("Survey code");
    expect(fieldLabel("")).toBe("");
  });

  it("describes known actions and entity types in words and passes unknown ones through", () => {
    expect(describeAction("ward.rotate-code")).toBe("Gave a ward a new survey code");
    expect(describeAction("something.new")).toBe("something.new");
    expect(describeEntityType("team")).toBe("Project team");
    expect(describeEntityType("paperBatch")).toBe("Paper batch");
  });
});
