import type { Metadata } from "next";
import { auditDiff, describeAction, describeEntityType, type NameOf } from "@/lib/audit-diff";
import { listAuditEvents } from "@/lib/structure/audit-log";
import { requireAdmin } from "../require-admin";
import { cell, Table } from "@/components/table";
import { pageParam, Pagination, stringParam } from "@/components/nav";
import { Button, PageHeader, Section } from "@/components/ui";
import { PickOne } from "@/components/filters";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<{ entity?: string; action?: string; page?: string }> };

const dateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "medium" });

function Changes({ before, after, nameOf }: { before: unknown; after: unknown; nameOf: NameOf }) {
  const rows = auditDiff(before, after, nameOf);
  if (rows.length === 0) return <span className="text-muted">No details</span>;
  return (
    <dl className="space-y-1">
      {rows.map((row) => (
        <div key={row.field}>
          <dt className="inline font-semibold">{row.label}: </dt>
          <dd className="inline">
            {before != null && after != null ? (
              row.changed ? (
                <>
                  <span className="sr-only">was </span>
                  <span className="line-through decoration-2">{row.before ?? "—"}</span>
                  <span aria-hidden="true"> → </span>
                  <span className="sr-only">, now </span>
                  <span className="font-semibold">{row.after ?? "—"}</span>
                </>
              ) : (
                <span>{row.after ?? "—"} (unchanged)</span>
              )
            ) : after != null ? (
              <span className="whitespace-pre-line">{row.after ?? "—"}</span>
            ) : (
              <>
                <span className="sr-only">was </span>
                <span className="whitespace-pre-line line-through decoration-2">{row.before ?? "—"}</span>
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default async function AuditLogPage({ searchParams }: Props) {
  const params = await searchParams;
  const actor = await requireAdmin("/admin/audit");
  const entity = stringParam(params.entity);
  const action = stringParam(params.action);
  const log = await listAuditEvents(actor, { entityType: entity, action, page: pageParam(params.page) });
  const nameOf: NameOf = (kind, id) => log.detailNames[`${kind}:${id}`];
  const href = (p: number) =>
    `/admin/audit?${new URLSearchParams({ ...(entity ? { entity } : {}), ...(action ? { action } : {}), page: String(p) })}`;

  return (
    <>
      <PageHeader title="Audit log" description="Every change to the set-up and every sign-in, newest first. Times are UK time." />
      <Section id="log-heading" title="Events">
        <form method="get" action="/admin/audit" className="mb-4 flex flex-wrap items-end gap-3">
          <PickOne
            id="filter-entity"
            name="entity"
            label="What changed"
            value={entity}
            any="Anything"
            options={log.entityTypes.map((type) => ({ value: type, label: describeEntityType(type) }))}
          />
          <PickOne
            id="filter-action"
            name="action"
            label="Action"
            value={action}
            any="Any action"
            options={log.actions.map((a) => ({ value: a, label: describeAction(a) })).sort((a, b) => a.label.localeCompare(b.label, "en-GB"))}
          />
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
        <p className="mb-2" role="status">
          {log.total === 1 ? "1 event" : `${log.total.toLocaleString("en-GB")} events`}
        </p>
        {log.events.length > 0 ? (
          <Table caption="Audit events, newest first" columns={["When", "Who", "What", "Details"]}>
            {log.events.map((event) => (
              <tr key={event.id}>
                <td className={`${cell} whitespace-nowrap`}>
                  <time dateTime={event.at.toISOString()}>{dateFormat.format(event.at)}</time>
                </td>
                <td className={cell}>{event.actor}</td>
                <td className={cell}>
                  <span className="font-semibold">{describeAction(event.action)}</span>
                  {event.entityType ? (
                    <span className="block text-sm">
                      {describeEntityType(event.entityType)}: {event.entity ?? <span className="font-mono">{event.entityId}</span>}
                    </span>
                  ) : null}
                </td>
                <td className={`${cell} min-w-64 max-w-xl`}>
                  <Changes before={event.before} after={event.after} nameOf={nameOf} />
                </td>
              </tr>
            ))}
          </Table>
        ) : null}
        <Pagination page={log.page} pages={log.pageCount} href={href} label="Audit log pages" />
      </Section>
    </>
  );
}
