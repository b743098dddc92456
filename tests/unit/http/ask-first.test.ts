import { describe, expect, it } from "vitest";
import { askFirst } from "@/lib/http/form-state";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe("askFirst", () => {
  it("answers with the question until the form says it was confirmed", () => {
    expect(askFirst(form({ id: "n1" }))).toEqual({ confirm: true });
    expect(askFirst(form({ id: "n1", confirmed: "no" }))).toEqual({ confirm: true });
    expect(askFirst(form({ id: "n1", confirmed: "yes" }))).toBeNull();
  });

  it("asks nothing when the change needs no confirmation (reactivating)", () => {
    expect(askFirst(form({ active: "true" }), false)).toBeNull();
  });
});
