import { describe, expect, it } from "vitest";
import { answerFromForm, parseSurveyAnswer } from "@/lib/survey/schema";

describe("parseSurveyAnswer", () => {
  it("accepts a full answer and normalises the ward code", () => {
    const result = parseSurveyAnswer({
      ward: " abcd2345 ",
      respondent: "staff",
      feltSafe: false,
      ableToSpeakUp: true,
      submissionKey: "3b241101-e2bb-4255-8caf-4136c566a962",
    });
    expect(result).toEqual({
      ok: true,
      answer: { ward: "ABCD2345", respondent: "staff", feltSafe: false, ableToSpeakUp: true, submissionKey: "3b241101-e2bb-4255-8caf-4136c566a962" },
    });
  });

  it("treats a missing question 3 as unanswered (null)", () => {
    const result = parseSurveyAnswer({ ward: "W", respondent: "service_user", feltSafe: true });
    expect(result.ok && result.answer.ableToSpeakUp).toBeNull();
  });

  it.each([
    [{ respondent: "staff", feltSafe: true }, ["ward"]],
    [{ ward: "W", feltSafe: true }, ["respondent"]],
    [{ ward: "W", respondent: "staff" }, ["feltSafe"]],
    [{ ward: "W", respondent: "Staff", feltSafe: true }, ["respondent"]],
    [{ ward: "W", respondent: "staff", feltSafe: "true" }, ["feltSafe"]],
    [{ ward: "W", respondent: "staff", feltSafe: true, ableToSpeakUp: "no" }, ["ableToSpeakUp"]],
    [{ ward: "W", respondent: "staff", feltSafe: true, ip: "1.2.3.4" }, ["ip"]],
    [{ ward: "", respondent: "staff", feltSafe: true }, ["ward"]],
    [{ ward: "W".repeat(33), respondent: "staff", feltSafe: true }, ["ward"]],
    [{}, ["ward", "respondent", "feltSafe"]],
  ])("rejects %j naming %j", (input, fields) => {
    const result = parseSurveyAnswer(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.fields).sort()).toEqual([...fields].sort());
      for (const message of Object.values(result.fields)) expect(message.length).toBeGreaterThan(5);
    }
  });

  it.each([null, [], "text", 42])("rejects a body that is not an object (%j)", (input) => {
    const result = parseSurveyAnswer(input);
    expect(result.ok).toBe(false);
  });
});

describe("answerFromForm", () => {
  const parse = (fields: Record<string, string>) => parseSurveyAnswer(answerFromForm("WARD1", new URLSearchParams(fields)));

  it("maps yes/no radios onto the API's booleans through the same schema", () => {
    expect(parse({ respondent: "service_user", feltSafe: "no", ableToSpeakUp: "yes" })).toEqual({
      ok: true,
      answer: { ward: "WARD1", respondent: "service_user", feltSafe: false, ableToSpeakUp: true },
    });
  });

  it("treats an absent or empty question 3 as unanswered", () => {
    const result = parse({ respondent: "staff", feltSafe: "yes", ableToSpeakUp: "" });
    expect(result.ok && result.answer.ableToSpeakUp).toBeNull();
  });

  it("rejects a tampered value instead of guessing", () => {
    const result = parse({ respondent: "staff", feltSafe: "maybe" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fields)).toEqual(["feltSafe"]);
  });
});
