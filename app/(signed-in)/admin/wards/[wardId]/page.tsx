import type { Metadata } from "next";
import { PublicBaseUrlError, surveyUrl } from "@/lib/posters";
import { getWardForAdmin } from "@/lib/structure/wards";
import { AdminForm, StatusSection } from "../../admin-form";
import { requestBaseUrl } from "../../base-url";
import { requireAdmin } from "../../require-admin";
import { rotateWardCodeAction, setWardActiveAction, updateWardAction } from "../actions";
import { orNotFound } from "@/lib/http/not-found";
import { Notice, PageHeader, Section, TextLink } from "@/components/ui";

export const metadata: Metadata = { title: "Ward (administration)" };

type Props = { params: Promise<{ wardId: string }>; searchParams: Promise<{ confirm?: string; rotated?: string }> };

const dateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });

export default async function AdminWardPage({ params, searchParams }: Props) {
  const { wardId } = await params;
  const { confirm, rotated } = await searchParams;
  const actor = await requireAdmin(`/admin/wards/${wardId}`);
  const ward = await orNotFound(getWardForAdmin(actor, wardId));
  const base = await requestBaseUrl().catch((error: unknown) => {
    if (error instanceof PublicBaseUrlError) return error;
    throw error;
  });
  const address = typeof base === "string" ? surveyUrl(base, ward.surveyCode) : null;

  return (
    <>
      <PageHeader
        back={{ href: `/admin/trusts/${ward.trust.id}`, label: ward.trust.name }}
        title={ward.name}
        description={
          <>
            Ward of {ward.trust.name} · {ward.active ? "Survey open" : "Survey closed"} ·{" "}
            {ward._count.responses === 1 ? "1 response" : `${ward._count.responses.toLocaleString("en-GB")} responses`} recorded
          </>
        }
      />
      {rotated ? (
        <Notice>
          The ward has a new survey code: <span className="font-mono font-semibold">{ward.surveyCode}</span>. Print and put up the new poster.
          The old address now says the survey has moved and takes no answers.{" "}
          <TextLink href={`/wards/${ward.id}/poster`}>Print the new poster</TextLink>
        </Notice>
      ) : null}

      <Section id="survey-heading" title="Survey address">
        <p className="mb-2">Patients and staff answer at this address (the QR code on the ward poster leads to it):</p>
        {address ? (
          <p className="mb-2 break-all font-mono text-lg">
            <a href={address} className="text-nhs-blue underline">
              {address}
            </a>
          </p>
        ) : (
          <p className="mb-2 font-semibold text-nhs-red">{base instanceof Error ? base.message : null}</p>
        )}
        <p className="mb-2">
          Survey code: <span className="font-mono font-semibold">{ward.surveyCode}</span>
        </p>
        <p className="mb-4">
          <TextLink href={`/wards/${ward.id}/poster`}>Print the ward poster</TextLink>
        </p>
        {ward.retiredCodes.length > 0 ? (
          <>
            <h3 className="mb-1 font-bold">Earlier codes (now show &ldquo;this survey has moved&rdquo;)</h3>
            <ul className="mb-4 list-disc pl-6">
              {ward.retiredCodes.map((code) => (
                <li key={code.code}>
                  <span className="font-mono">{code.code}</span>, replaced <time dateTime={code.retiredAt.toISOString()}>{dateFormat.format(code.retiredAt)}</time>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <h3 className="mb-1 font-bold">Give the ward a new survey code</h3>
        {confirm === "rotate" ? (
          <div className="border-l-8 border-nhs-red pl-4">
            <p className="mb-2 font-semibold">Give {ward.name} a new survey code?</p>
            <p className="mb-4">
              The current posters and QR codes stop working at once: their address will say &ldquo;this survey has moved; please scan the
              new poster&rdquo; and take no answers. You will need to print and put up the new poster. Responses already recorded are
              kept.
            </p>
            <div className="flex flex-wrap items-start gap-4">
              <AdminForm
                action={rotateWardCodeAction}
                id="rotate-code"
                hidden={{ wardId: ward.id }}
                submitLabel="Yes, give it a new code"
                variant="danger"
              />
              <TextLink href={`/admin/wards/${ward.id}`}>Cancel</TextLink>
            </div>
          </div>
        ) : (
          <>
            <p className="mb-2">For example when the poster&apos;s address has been shared or misused outside the ward.</p>
            <TextLink href={`/admin/wards/${ward.id}?confirm=rotate`}>Give this ward a new survey code…</TextLink>
          </>
        )}
      </Section>

      <Section id="details-heading" title="Ward details">
        <AdminForm
          action={updateWardAction}
          id="edit-ward"
          hidden={{ wardId: ward.id }}
          fields={[
            { kind: "text", name: "name", label: "Ward name", defaultValue: ward.name },
            {
              kind: "select",
              name: "teamId",
              label: "Project team",
              hint: `A ward is in at most one project team, of its own trust (${ward.trust.name}).`,
              defaultValue: ward.teamId ?? "",
              options: [
                { value: "", label: "No project team" },
                ...ward.teamOptions.map((t) => ({ value: t.id, label: t.active ? t.name : `${t.name} (deactivated)` })),
              ],
            },
            {
              kind: "textarea",
              name: "charterContact",
              label: "Charter contact",
              hint: "Who to talk to about sexual safety on this ward, from the ward's sexual safety charter. Shown to everyone after they answer.",
              defaultValue: ward.charterContact,
              rows: 5,
            },
            {
              kind: "select",
              name: "surveyFormat",
              label: "Survey format",
              hint: "What the ward's survey and its tablets open in. Easy read (short sentences and pictures) suits learning-disability services; anyone can still switch with the link at the top of the survey.",
              defaultValue: ward.surveyFormat,
              options: [
                { value: "STANDARD", label: "Standard" },
                { value: "EASY_READ", label: "Easy read, with pictures" },
              ],
            },
          ]}
          submitLabel="Save ward"
        />
      </Section>

      <StatusSection
        thing="ward"
        action={setWardActiveAction}
        record={{ wardId: ward.id }}
        active={ward.active}
        path={`/admin/wards/${ward.id}`}
        description={ward.active || ward.trust.active ? undefined : `The trust ${ward.trust.name} is deactivated; reactivate it before reopening this ward.`}
      />
    </>
  );
}
