import { describe, expect, it } from "vitest";
import { auditDiff, describeAction, describeEntityType, fieldLabel, formatValue, idsInDetails } from "@/lib/audit-diff";

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

describe("the audit log in words", () => {
  it("shows names where the details hold ids, and the id itself when the thing is gone", () => {
    const names: Record<string, string> = { "team:t1": "Acute Wards (Northbrook)", "team:t2": "Rehab (Northbrook)", "ward:w1": "Willow Ward (Northbrook)" };
    const nameOf = (kind: string, id: string) => names[`${kind}:${id}`];
    expect(auditDiff({ teamId: "t1" }, { teamId: "t2" }, nameOf)).toEqual([
      { field: "teamId", label: "Team", before: "Acute Wards (Northbrook)", after: "Rehab (Northbrook)", changed: true },
    ]);
    expect(auditDiff(null, { teamIds: ["t1", "gone"], wardId: "w1" }, nameOf)).toEqual([
      { field: "teamIds", label: "Teams", before: null, after: "Acute Wards (Northbrook), gone", changed: true },
      { field: "wardId", label: "Ward", before: null, after: "Willow Ward (Northbrook)", changed: true },
    ]);
  });

  it("collects the ids each kind of detail field holds", () => {
    const ids = idsInDetails([{ teamIds: ["a", "b"], userId: "u" }, { teamId: "a", name: "x" }, null]);
    expect([...ids.team].sort()).toEqual(["a", "b"]);
    expect([...ids.user]).toEqual(["u"]);
    expect([...ids.ward]).toEqual([]);
  });

  it("names every action the app records, in words", () => {
    for (const action of ["driver-box.create", "pdsa-cycle.delete", "note.update", "chart-phase.create", "language.upload", "tablet.enrol", "held-answers.release", "api-token.revoke", "team.aim"]) {
      expect(describeAction(action), action).not.toBe(action);
      expect(describeAction(action), action).toMatch(/^[A-Z][a-z]/);
    }
    expect(describeEntityType("driver-box")).toBe("Driver diagram box");
  });
});

describe("every audited action has words", () => {
  it("finds each action the code records and has a label for it", async () => {
    const { readFileSync, readdirSync, statSync } = await import("node:fs");
    const path = await import("node:path");
    const root = path.resolve(__dirname, "../../../lib");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (full.endsWith(".ts")) files.push(full);
      }
    };
    walk(root);
    const found = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/action: "([a-z_-]+\.[a-z-]+)"/g)) found.add(m[1]!);
      for (const m of text.matchAll(/audit\(tx, actor, "([a-z_-]+\.[a-z-]+)"/g)) found.add(m[1]!);
      for (const m of text.matchAll(/audit\(actor, tx, "([a-z_-]+\.[a-z-]+)"/g)) found.add(m[1]!);
    }
    expect(found.size).toBeGreaterThan(30);
    expect([...found].filter((action) => describeAction(action) === action)).toEqual([]);
  });
});
