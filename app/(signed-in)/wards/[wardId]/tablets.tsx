import { formatLongDate } from "@/lib/analytics/periods";
import { dayInWords, waitingLine } from "@/lib/survey/tablets/queue";
import type { WardTablets } from "@/lib/survey/tablets/tablets";
import { Table, cell } from "@/components/table";
import { Notice, Section, TextLink } from "@/components/ui";
import { EnrolTabletForm, RevokeTabletForm } from "./tablet-forms";

// The ward page's "Ward tablets": the kiosks enrolled to this ward, what each last reported, and
// (for the ward's project leads and admins) Enrol and Revoke. Revoking asks first (a link to
// ?revokeTablet=<id>, so it works without JavaScript): answers still waiting on that tablet can no
// longer be sent once it is revoked.

export function TabletsSection({ wardId, path, tablets, today, confirmId, revokedName }: {
  wardId: string;
  path: string;
  tablets: WardTablets;
  today: string;
  confirmId?: string;
  revokedName?: string;
}) {
  if (!tablets.canManage && tablets.tablets.length === 0) return null;
  const confirming = tablets.canManage ? tablets.tablets.find((t) => t.id === confirmId) : undefined;
  return (
    <Section
      id="tablets"
      title="Ward tablets"
      description={
        <p>
          A tablet in the day room lets people without a phone of their own answer the survey. It keeps answers when the Wi-Fi is down and sends
          them when it is back, dated the day they were given. No answer records which tablet it came from.
        </p>
      }
    >
      {revokedName ? <Notice>{revokedName} has been revoked: it can no longer take or send answers.</Notice> : null}
      {confirming ? (
        <div role="alertdialog" aria-labelledby="revoke-heading" className="mb-6 border-l-8 border-nhs-red bg-red-50 p-4">
          <h3 id="revoke-heading" className="mb-2 text-lg font-bold">
            Revoke {confirming.name}?
          </h3>
          <p className="mb-3">
            It stops taking answers at once.{" "}
            {confirming.waiting > 0
              ? `It last reported ${waitingLine(confirming.waiting, confirming.oldestWaitingOn, today).toLowerCase()}: those will never be sent. Let it reconnect to the Wi-Fi first if you can.`
              : "It last reported no answers waiting to send."}
          </p>
          <div className="flex flex-wrap items-center gap-4">
            <RevokeTabletForm wardId={wardId} tabletId={confirming.id} label={`Revoke ${confirming.name}`} />
            <TextLink href={`${path}#tablets`}>Keep it</TextLink>
          </div>
        </div>
      ) : null}
      {tablets.tablets.length > 0 ? (
        <Table caption="Tablets enrolled to this ward" columns={tablets.canManage ? ["Tablet", "Enrolled", "Last seen", "Waiting to send", "Revoke"] : ["Tablet", "Enrolled", "Last seen", "Waiting to send"]}>
          {tablets.tablets.map((t) => (
            <tr key={t.id}>
              <td className={cell}>{t.name}</td>
              <td className={cell}>
                {formatLongDate(t.enrolledOn)} by {t.enrolledBy}
              </td>
              <td className={cell}>{t.lastSeenOn ? capitalise(dayInWords(t.lastSeenOn, today)) : "Not yet"}</td>
              <td className={cell}>{waitingLine(t.waiting, t.oldestWaitingOn, today)}</td>
              {tablets.canManage ? (
                <td className={cell}>
                  <TextLink href={`${path}?revokeTablet=${t.id}#tablets`}>
                    Revoke<span className="sr-only"> {t.name}</span>…
                  </TextLink>
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      ) : (
        <p className="mb-4">No tablets are enrolled to this ward.</p>
      )}
      {tablets.canManage ? (
        <>
          <h3 className="mt-6 mb-2 text-lg font-bold">Enrol a tablet</h3>
          <p className="mb-3">
            Make a one-time link here, then open it on the tablet (scan its QR code with the tablet&apos;s camera). The tablet then opens the ward&apos;s
            survey kiosk; add it to the tablet&apos;s home screen.
          </p>
          <EnrolTabletForm wardId={wardId} />
        </>
      ) : null}
    </Section>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
