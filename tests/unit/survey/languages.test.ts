import { describe, expect, it } from "vitest";
import { ENGLISH_STANDARD, INSTRUMENT_KEYS, instrumentFor, instrumentTextsSchema, SURVEY_LANGUAGES, surveyLanguage, translatedInstrument } from "@/lib/survey/instrument";
import { choiceQuery, languageLinks, surveyFormPage, thankYouPage } from "@/lib/survey/page";

const SCRIPT: Record<string, RegExp> = {
  ar: /\p{Script=Arabic}/u,
  ur: /\p{Script=Arabic}/u,
  "pa-Guru": /\p{Script=Gurmukhi}/u,
  bn: /\p{Script=Bengali}/u,
  cy: /\p{Script=Latin}/u,
  pl: /\p{Script=Latin}/u,
  ro: /\p{Script=Latin}/u,
  pt: /\p{Script=Latin}/u,
};

describe("the survey's languages", () => {
  it("ships the eight the issue asks for, Arabic and Urdu right to left", () => {
    expect(SURVEY_LANGUAGES.map((l) => l.code)).toEqual(["cy", "pl", "ro", "pa-Guru", "ur", "bn", "ar", "pt"]);
    expect(SURVEY_LANGUAGES.filter((l) => l.dir === "rtl").map((l) => l.code)).toEqual(["ur", "ar"]);
  });

  it("has every key in every language file, within its length and with its placeholders", () => {
    for (const language of SURVEY_LANGUAGES) {
      expect(Object.keys(language.draft).sort(), language.code).toEqual([...INSTRUMENT_KEYS].sort());
      expect(instrumentTextsSchema.safeParse(language.draft).error?.issues ?? [], language.code).toEqual([]);
    }
  });

  it("is translated, in the language's own script: the questions and answers are not English left in", () => {
    for (const language of SURVEY_LANGUAGES) {
      for (const key of ["introduction", "feltSafeQuestion", "speakUpQuestion", "yes", "no", "send", "dangerText", "thankYouHeading"] as const) {
        expect(language.draft[key], `${language.code} ${key}`).not.toBe(ENGLISH_STANDARD.texts[key]);
        expect(language.draft[key], `${language.code} ${key}`).toMatch(SCRIPT[language.code]!);
      }
      // Its own name is written in its own script too, for someone looking for it.
      expect(language.ownName).toMatch(SCRIPT[language.code]!);
      // At most a few texts may read the same as English (a word both languages share).
      const same = INSTRUMENT_KEYS.filter((key) => language.draft[key] === ENGLISH_STANDARD.texts[key]);
      expect(same.length, `${language.code}: ${same.join(", ")}`).toBeLessThanOrEqual(2);
    }
  });

  it("keeps 999 in what to do if in danger now, in every language", () => {
    for (const language of SURVEY_LANGUAGES) expect(language.draft.dangerText, language.code).toContain("999");
  });

  it("finds a language by its BCP 47 code, whatever its case, and nothing else", () => {
    expect(surveyLanguage("PL")?.code).toBe("pl");
    expect(surveyLanguage("pa-guru")?.code).toBe("pa-Guru");
    expect(surveyLanguage("fr")).toBeUndefined();
    expect(surveyLanguage("en-GB")).toBeUndefined();
    expect(surveyLanguage(undefined)).toBeUndefined();
  });

  it("shows a translation when one is given, else the format chosen or the ward's", () => {
    const polish = translatedInstrument(surveyLanguage("pl")!);
    expect(instrumentFor({ chosen: "easy-read", translation: polish })).toBe(polish);
    expect(instrumentFor({ wardDefault: "easy-read" }).format).toBe("easy-read");
    expect(polish).toMatchObject({ lang: "pl", dir: "ltr", format: "standard" });
  });
});

describe("a translated survey page", () => {
  const arabic = translatedInstrument(surveyLanguage("ar")!);
  const languages = SURVEY_LANGUAGES.filter((l) => ["cy", "ar"].includes(l.code));

  it("sets lang and dir on <html> explicitly and lists each language in its own name, as plain links", () => {
    const html = surveyFormPage({ wardName: "Maple Ward", wardCode: "ABC123", submissionKey: "k", instrument: arabic, choice: { lang: "ar" }, languages });
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<nav class="languages" aria-label="اللغات">');
    expect(html).toContain('<a href="/s/ABC123" lang="en-GB" hreflang="en-GB" dir="ltr">English</a>');
    expect(html).toContain('<a href="/s/ABC123?lang=cy" lang="cy" hreflang="cy" dir="ltr">Cymraeg</a>');
    expect(html).toContain('<a href="/s/ABC123?lang=ar" lang="ar" hreflang="ar" dir="rtl" aria-current="true">العربية</a>');
    expect(html).toContain(arabic.texts.feltSafeQuestion);
  });

  it("keeps the language through the post and the thank-you page", () => {
    const html = surveyFormPage({ wardName: "Maple Ward", wardCode: "ABC123", submissionKey: "k", instrument: arabic, choice: { lang: "ar" }, languages });
    expect(html).toContain('<input type="hidden" name="lang" value="ar">');
    expect(html).toContain('data-thanks="/s/ABC123/thanks?lang=ar"');
    expect(thankYouPage({ wardName: "Maple Ward", charterContact: "" }, arabic)).toContain('<html lang="ar" dir="rtl">');
  });

  it("shows no language links when only English is on", () => {
    const html = surveyFormPage({ wardName: "Maple Ward", wardCode: "ABC123", submissionKey: "k", languages: [] });
    expect(html).not.toContain('class="languages"');
    expect(languageLinks("/s/X", ENGLISH_STANDARD, []).map((link) => link.current)).toEqual([true]);
  });

  it("writes the choice as a query, format before language, or nothing", () => {
    expect(choiceQuery({})).toBe("");
    expect(choiceQuery({ lang: "pa-Guru" })).toBe("?lang=pa-Guru");
    expect(choiceQuery({ format: "easy-read", lang: "pl" })).toBe("?format=easy-read&lang=pl");
  });
});
