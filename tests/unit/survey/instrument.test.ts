import { describe, expect, it } from "vitest";
import {
  ENGLISH_EASY_READ,
  ENGLISH_STANDARD,
  INSTRUMENT_KEYS,
  SHIPPED_INSTRUMENTS,
  chosenFormat,
  fill,
  instrumentFor,
  instrumentTextsSchema,
} from "@/lib/survey/instrument";
import { sentencesOf, wordCount } from "@/lib/survey/instrument/schema";
import { messagePage, surveyFormPage, thankYouPage } from "@/lib/survey/page";

describe("the survey instrument", () => {
  it("keeps PRODUCT.md's standard English wording word for word", () => {
    const t = ENGLISH_STANDARD.texts;
    expect(t.introduction).toBe(
      "Feeling safe from sexual harm means feeling free from being made to feel uncomfortable, frightened, or intimidated in a sexual way by service users or staff. Your answers to these questions are anonymous.",
    );
    expect(t.respondentQuestion).toBe("Please tick:");
    expect([t.respondentServiceUser, t.respondentStaff]).toEqual(["Service user", "Staff"]);
    expect(t.feltSafeQuestion).toBe("In the past two weeks, have you felt safe from sexual harm on the ward?");
    expect(t.speakUpQuestion).toBe("If you did not feel safe from sexual harm at any point, would you feel able to speak to someone about it?");
    expect([t.yes, t.no]).toEqual(["Yes", "No"]);
  });

  it("passes its own language-file rules in every shipped format: every key, within its length, placeholders intact", () => {
    for (const instrument of SHIPPED_INSTRUMENTS) {
      const result = instrumentTextsSchema.safeParse(instrument.texts);
      expect(result.error?.issues ?? [], `${instrument.lang} ${instrument.format}`).toEqual([]);
      expect(Object.keys(instrument.texts).sort()).toEqual([...INSTRUMENT_KEYS].sort());
      expect(instrument.version).toMatch(/\d+\.\d+$/);
    }
  });

  it("refuses a broken language file with a message naming each key, and says which keys are missing or unknown", () => {
    const broken: Record<string, string | undefined> = { ...ENGLISH_STANDARD.texts, brand: undefined, closedMessage: "The survey is closed.", movedMessage: "{ward} moved {when}", yes: "x".repeat(21), extra: "hi" };
    const messages = (instrumentTextsSchema.safeParse(broken).error?.issues ?? []).map((issue) => issue.message);
    expect(messages).toContain("brand: give the text");
    expect(messages).toContain("closedMessage: keep {ward} (it is filled in on the page)");
    expect(messages).toContain("movedMessage: {when} is not a placeholder this text has");
    expect(messages).toContain("yes: at most 20 characters");
    expect(messages).toContain("Unknown keys: extra");
  });

  it("writes easy read in sentences of at most 15 words", () => {
    for (const key of INSTRUMENT_KEYS) {
      for (const sentence of sentencesOf(ENGLISH_EASY_READ.texts[key])) {
        expect(wordCount(sentence), `${key}: "${sentence}"`).toBeLessThanOrEqual(15);
      }
    }
    // The rule can fail: the standard introduction has a sentence far longer.
    expect(Math.max(...sentencesOf(ENGLISH_STANDARD.texts.introduction).map(wordCount))).toBeGreaterThan(15);
  });

  it("fills placeholders and leaves unknown ones alone", () => {
    expect(fill("Contacts for {ward}", { ward: "Maple Ward" })).toBe("Contacts for Maple Ward");
    expect(fill("{seconds} s, {other}", { seconds: 20 })).toBe("20 s, {other}");
  });

  it("opens in the format the person chose, else the ward's default, else standard", () => {
    expect(instrumentFor({})).toBe(ENGLISH_STANDARD);
    expect(instrumentFor({ wardDefault: "easy-read" })).toBe(ENGLISH_EASY_READ);
    expect(instrumentFor({ chosen: "standard", wardDefault: "easy-read" })).toBe(ENGLISH_STANDARD);
    expect(instrumentFor({ chosen: "easy-read" })).toBe(ENGLISH_EASY_READ);
    expect(chosenFormat("easy-read")).toBe("easy-read");
    expect(chosenFormat("EASY-READ")).toBeUndefined();
    expect(chosenFormat(null)).toBeUndefined();
  });
});

describe("pages in easy read", () => {
  const html = surveyFormPage({ wardName: "Oak Lodge", wardCode: "ABC", submissionKey: "k", instrument: ENGLISH_EASY_READ, choice: { format: "easy-read" }, charterContact: "" });

  it("put a picture beside the introduction, each question and each answer, decorative to a screen reader", () => {
    const pictures = html.match(/<img class="picture" src="\/easy-read\/[a-z-]+\.svg\?v=[0-9a-f]{12}" alt="" width="64" height="64">/g) ?? [];
    expect(pictures).toHaveLength(1 + 2 + 6); // introduction; two questions; two respondent answers and two yes/no pairs
    for (const name of ["ward", "safe", "speak", "tick", "cross", "service-user", "staff"]) expect(html).toContain(`/easy-read/${name}.svg`);
    expect(html).toContain('<body class="easy-read">');
  });

  it("keep the format through the post and the thank-you page, and offer the standard version", () => {
    expect(html).toContain('<input type="hidden" name="format" value="easy-read">');
    expect(html).toContain('data-thanks="/s/ABC/thanks?format=easy-read"');
    expect(html).toContain('<a class="format-switch" href="/s/ABC?format=standard">Standard version</a>');
    // The same questions and answers: the form posts the same fields as the standard one.
    for (const field of ['name="respondent" value="service_user"', 'name="respondent" value="staff"', 'name="feltSafe" value="yes"', 'name="feltSafe" value="no"', 'name="ableToSpeakUp" value="no"']) {
      expect(html).toContain(field);
    }
  });

  it("say nothing about format in a standard page the person did not choose", () => {
    const standard = surveyFormPage({ wardName: "W", wardCode: "ABC", submissionKey: "k" });
    expect(standard).not.toContain('name="format"');
    expect(standard).toContain('data-thanks="/s/ABC/thanks"');
    expect(standard).toContain('<a class="format-switch" href="/s/ABC?format=easy-read">Easy read version, with pictures</a>');
    expect(standard).not.toContain("<img");
  });
});

describe("help on every patient-facing page", () => {
  it("puts the helplines, as call links, on message pages, and the ward's contact when the ward is known", () => {
    const page = messagePage({ title: "This survey is closed", message: "Closed.", ward: { wardName: "Maple", charterContact: "Ward manager on 0161 496 0123" } });
    expect(page).toContain('<a href="tel:116123">116 123</a>');
    expect(page).toContain('<a href="tel:08088010818">0808 801 0818</a>');
    expect(page).toContain('Ward manager on <a href="tel:01614960123">0161 496 0123</a>');
    expect(messagePage({ title: "Survey not found", message: "Not found." })).toContain("National helplines");
  });

  it("on a tablet gives the numbers as text, with no link off the kiosk", () => {
    const page = messagePage({ title: "T", message: "M", ward: { wardName: "W", charterContact: "Call 0161 496 0123" }, callLinks: false });
    expect(page).not.toContain("tel:");
    expect(page).toContain('<span class="helpline-phone">0161 496 0123</span>');
  });

  it("starts every thank-you page with what to do if in danger now, whatever was answered", () => {
    const thanks = thankYouPage({ wardName: "W", charterContact: "" });
    const danger = thanks.indexOf("If you are in danger now");
    expect(danger).toBeGreaterThan(0);
    expect(danger).toBeLessThan(thanks.indexOf(ENGLISH_STANDARD.texts.thankYouText));
    expect(thanks).toContain('call <a href="tel:999">999</a>');
    expect(thanks).toContain("in confidence");
  });

  it("shows the survey's help under the form too", () => {
    const html = surveyFormPage({ wardName: "W", wardCode: "ABC", submissionKey: "k", charterContact: "Jo, 07700 900123" });
    expect(html).toContain('Jo, <a href="tel:07700900123">07700 900123</a>');
    expect(html.indexOf("National helplines")).toBeGreaterThan(html.indexOf("</form>"));
  });
});
