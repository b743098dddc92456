import { describe, expect, it } from "vitest";
import { londonDateOf } from "@/lib/survey/london-date";
import { escapeHtml, surveyFormPage, thankYouPage } from "@/lib/survey/page";
import { WARD_CODE_ALPHABET, WARD_CODE_LENGTH, newWardCode } from "@/lib/survey/ward-code";

describe("londonDateOf", () => {
  it("uses the Europe/London calendar date, across BST and GMT", () => {
    expect(londonDateOf(new Date("2026-07-01T23:30:00Z"))).toBe("2026-07-02"); // 00:30 BST
    expect(londonDateOf(new Date("2026-01-01T23:30:00Z"))).toBe("2026-01-01"); // 23:30 GMT
    expect(londonDateOf(new Date("2026-03-29T00:30:00Z"))).toBe("2026-03-29"); // clocks go forward at 01:00 GMT
  });
});

describe("newWardCode", () => {
  it("draws 10 characters from the unambiguous alphabet, never repeating in practice", () => {
    const codes = new Set(Array.from({ length: 2000 }, newWardCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) {
      expect(code).toHaveLength(WARD_CODE_LENGTH);
      for (const ch of code) expect(WARD_CODE_ALPHABET).toContain(ch);
    }
    expect(WARD_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });
});

describe("survey pages", () => {
  it("escape everything interpolated", () => {
    expect(escapeHtml(`<script>"&'`)).toBe("&lt;script&gt;&quot;&amp;&#39;");
    const html = surveyFormPage({ wardName: "<img src=x onerror=alert(1)>", wardCode: "ABC", submissionKey: "k" });
    expect(html).not.toContain("<img");
    const thanks = thankYouPage({ wardName: "W", charterContact: "<b>call</b>" });
    expect(thanks).toContain("&lt;b&gt;call&lt;/b&gt;");
  });

  it("gives every question a fieldset and legend, and links each error to its first answer", () => {
    const html = surveyFormPage({ wardName: "W", wardCode: "ABC", submissionKey: "k", errors: { respondent: "x", feltSafe: "y" } });
    expect(html.match(/<fieldset/g)).toHaveLength(3);
    expect(html.match(/<legend id="[a-zA-Z]+-legend">/g)).toHaveLength(3);
    expect(html).toContain('href="#respondent-service_user"');
    expect(html).toContain('href="#feltSafe-yes"');
    expect(html).toMatch(/<title>Error: /);
  });

  it("leaves the ward contact panel out when the ward has none", () => {
    expect(thankYouPage({ wardName: "W", charterContact: "  " })).not.toContain("Contacts for");
    expect(thankYouPage({ wardName: "W", charterContact: "Call Jo" })).toContain("Contacts for W");
  });
});
