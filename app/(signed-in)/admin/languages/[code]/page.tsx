import type { Metadata } from "next";
import { cell, Table } from "@/components/table";
import { ButtonLink, Notice, PageHeader, Section } from "@/components/ui";
import { orNotFound } from "@/lib/http/not-found";
import { INSTRUMENT_KEYS } from "@/lib/survey/instrument";
import { languageForAdmin } from "@/lib/survey/languages";
import { requireAdmin } from "../../require-admin";
import { LanguageSwitchForm, LanguageUploadForm } from "../language-forms";
import { LanguageStatus, OnTheSurvey } from "../language-parts";

export const metadata: Metadata = { title: "Survey language" };

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LanguagePage({ params, searchParams }: Props) {
  const { code } = await params;
  const actor = await requireAdmin(`/admin/languages/${encodeURIComponent(code)}`);
  const language = await orNotFound(languageForAdmin(actor, code));
  const uploaded = (await searchParams).uploaded === "1";
  const href = `/admin/languages/${encodeURIComponent(language.code)}`;
  return (
    <>
      <PageHeader
        title={`${language.englishName} (${language.ownName})`}
        back={{ href: "/admin/languages", label: "Survey languages" }}
        actions={<ButtonLink href={`${href}/file`}>Download language file</ButtonLink>}
      />
      {uploaded ? <Notice>The checked translation is uploaded: the survey uses it from now on.</Notice> : null}
      <Section id="status-heading" title="Status">
        <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
          <dt className="font-semibold">Translation</dt>
          <dd>
            <LanguageStatus language={language} />
          </dd>
          <dt className="font-semibold">On the public survey</dt>
          <dd>
            <OnTheSurvey enabled={language.enabled} />
          </dd>
        </dl>
        <LanguageSwitchForm code={language.code} name={language.englishName} enabled={language.enabled} />
      </Section>
      <Section
        id="upload-heading"
        title="Upload a checked translation"
        description="Download the language file, have a qualified translator check or correct its texts, then upload it here. A file with any problem is refused whole, and nothing changes."
      >
        <LanguageUploadForm code={language.code} />
      </Section>
      <Section id="side-by-side-heading" title="English and this language side by side">
        <Table caption={`The survey's texts in English and ${language.englishName}`} columns={["Text", "English", language.englishName]}>
          {INSTRUMENT_KEYS.map((key) => (
            <tr key={key}>
              <td className={`${cell} font-mono text-sm`}>{key}</td>
              <td className={cell} lang="en-GB">
                {language.english[key]}
              </td>
              <td className={cell} lang={language.code} dir={language.dir}>
                {language.texts[key]}
              </td>
            </tr>
          ))}
        </Table>
      </Section>
    </>
  );
}
