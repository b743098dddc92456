import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/actor";
import { isAdmin } from "@/lib/auth/roles";
import { exportScopes, type ScopeGroup } from "@/lib/export/scopes";
import { Button, PageHeader } from "@/components/ui";
import { CHANNEL_LABELS, CHANNELS } from "@/lib/analytics/channels";

export const metadata: Metadata = { title: "Export" };

// Downloads as CSV. Both forms are plain GET forms pointing at the export API, so the browser
// downloads the file itself and no JavaScript is needed.

function ScopeSelect({ id, groups }: { id: string; groups: ScopeGroup[] }) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-semibold">
        Ward, project team or trust
      </label>
      <select id={id} name="scope" className="mt-1 block min-h-11 max-w-full rounded border-2 border-ink px-3 py-2">
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** Which answers: how they came (own phone or computer, ward tablet, paper), or all. */
function ChannelSelect({ id, hint }: { id: string; hint?: string }) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-semibold">
        Channel
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <select id={id} name="channel" defaultValue="all" aria-describedby={hint ? `${id}-hint` : undefined} className="mt-1 block min-h-11 rounded border-2 border-ink px-3 py-2">
        {CHANNELS.map((channel) => (
          <option key={channel} value={channel}>
            {CHANNEL_LABELS[channel]}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateRange({ prefix }: { prefix: string }) {
  return (
    <fieldset className="mb-4">
      <legend className="font-semibold">Dates (optional)</legend>
      <p id={`${prefix}-dates-hint`} className="text-sm text-muted">
        Leave empty for everything.
      </p>
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor={`${prefix}-from`} className="block">
            From
          </label>
          <input
            id={`${prefix}-from`}
            name="from"
            type="date"
            aria-describedby={`${prefix}-dates-hint`}
            className="mt-1 block rounded border-2 border-ink px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor={`${prefix}-to`} className="block">
            To
          </label>
          <input
            id={`${prefix}-to`}
            name="to"
            type="date"
            aria-describedby={`${prefix}-dates-hint`}
            className="mt-1 block rounded border-2 border-ink px-3 py-2"
          />
        </div>
      </div>
    </fieldset>
  );
}

export default async function ExportPage() {
  const actor = await requireActor("/export");
  const groups = await exportScopes(actor);
  return (
    <>
      <PageHeader title="Export" description="Download survey results as CSV files for a spreadsheet or your own analysis." />
      {groups.length === 0 ? (
        <p>There is nothing for you to export yet: you are not a member of a project team with wards.</p>
      ) : (
        <>
          <section aria-labelledby="counts-heading" className="mb-10 max-w-3xl rounded border border-slate-300 bg-white p-6">
            <h2 id="counts-heading" className="mb-2 text-xl font-bold">
              Counts per period
            </h2>
            <p className="mb-4 text-muted">
              For each period: responses, how many felt safe and how many said they could speak up, with the percentages; for everyone,
              service users and staff. As on the run charts, a period with too few responses shows how many there were but not the answers.
            </p>
            <form method="get" action="/api/v1/export.csv">
              <ScopeSelect id="counts-scope" groups={groups} />
              <div className="mb-4">
                <label htmlFor="counts-interval" className="block font-semibold">
                  Period
                </label>
                <select id="counts-interval" name="interval" defaultValue="week" className="mt-1 block min-h-11 rounded border-2 border-ink px-3 py-2">
                  <option value="week">Week (Monday to Sunday)</option>
                  <option value="fortnight">Fortnight</option>
                  <option value="month">Calendar month</option>
                </select>
              </div>
              <ChannelSelect
                id="counts-channel"
                hint="One channel alone also hides a period when another channel had too few responses in it, so that they cannot be worked out by subtraction."
              />
              <DateRange prefix="counts" />
              <Button type="submit">Download counts (CSV)</Button>
            </form>
          </section>

          {isAdmin(actor) ? (
            <section aria-labelledby="responses-heading" className="mb-10 max-w-3xl rounded border border-slate-300 bg-white p-6">
              <h2 id="responses-heading" className="mb-2 text-xl font-bold">
                Every response
              </h2>
              <p className="mb-4 text-muted">
                One line per response: ward code, date, respondent type, answers and source, in the CSV import&apos;s format. For the
                programme&apos;s own analysis only; each download is recorded in the audit log.
              </p>
              <form method="get" action="/api/v1/export/responses.csv">
                <ScopeSelect id="responses-scope" groups={groups} />
                <ChannelSelect id="responses-channel" />
                <DateRange prefix="responses" />
                <Button type="submit">Download every response (CSV)</Button>
              </form>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
