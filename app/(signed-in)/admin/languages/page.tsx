import type { Metadata } from "next";
import { cell, Table } from "@/components/table";
import { PageHeader, Section, TextLink } from "@/components/ui";
import { listLanguagesForAdmin } from "@/lib/survey/languages";
import { requireAdmin } from "../require-admin";
import { LanguageSwitchForm } from "./language-forms";
import { LanguageStatus, OnTheSurvey } from "./language-parts";

export const metadata: Metadata = { title: "Survey languages" };

export default async function LanguagesPage() {
  const actor = await requireAdmin("/admin/languages");
  const languages = await listLanguagesForAdmin(actor);
  return (
    <>
      <PageHeader
        title="Survey languages"
        description="The survey in English is always on. Each translation appears on the public survey (and its paper form) only once it is switched on here. Every change is in the audit log."
      />
      <Section
        id="languages-heading"
        title="Translations"
        description="No response records the language it was answered in: on a ward of fifteen, the one answer in Polish would be one person."
      >
        <Table caption="Survey languages" columns={["Language", "Translation", "On the survey", "Change"]}>
          {languages.map((language) => (
            <tr key={language.code}>
              <td className={cell}>
                <TextLink href={`/admin/languages/${encodeURIComponent(language.code)}`}>{language.englishName}</TextLink>{" "}
                <span lang={language.code} dir={language.dir}>
                  {language.ownName}
                </span>
              </td>
              <td className={cell}>
                <LanguageStatus language={language} />
              </td>
              <td className={cell}>
                <OnTheSurvey enabled={language.enabled} />
              </td>
              <td className={cell}>
                <LanguageSwitchForm code={language.code} name={language.englishName} enabled={language.enabled} />
              </td>
            </tr>
          ))}
        </Table>
      </Section>
    </>
  );
}
