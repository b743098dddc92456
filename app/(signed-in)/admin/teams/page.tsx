import type { Metadata } from "next";
import { listTeamsForAdmin } from "@/lib/structure/teams";
import { listTrustOptions } from "@/lib/structure/trusts";
import { AdminForm } from "../admin-form";
import { teamFields } from "./team-fields";
import { requireAdmin } from "../require-admin";
import { createTeamAction } from "./actions";
import { cell, Table } from "@/components/table";
import { pageParam, Pagination, stringParam } from "@/components/nav";
import { Button, PageHeader, Section, TextLink } from "@/components/ui";
import { PickOne } from "@/components/filters";
import { TeamFigures } from "./team-figures";

export const metadata: Metadata = { title: "Project teams (administration)" };

type Props = { searchParams: Promise<{ trust?: string; page?: string }> };

export default async function AdminTeamsPage({ searchParams }: Props) {
  const params = await searchParams;
  const actor = await requireAdmin("/admin/teams");
  const trustId = stringParam(params.trust);
  const [{ teams, total, page, pageCount }, trusts] = await Promise.all([
    listTeamsForAdmin(actor, { trustId, page: pageParam(params.page) }),
    listTrustOptions(actor),
  ]);
  const href = (p: number) => `/admin/teams?${new URLSearchParams({ ...(trustId ? { trust: trustId } : {}), page: String(p) })}`;
  const activeTrusts = trusts.filter((t) => t.active);

  return (
    <>
      <PageHeader title="Project teams" description="Each project team works on one or more wards of its trust. Open a team to change its wards and members." />
      <Section id="teams-heading" title="All project teams">
        <form method="get" action="/admin/teams" className="mb-4 flex flex-wrap items-end gap-3">
          <PickOne id="filter-trust" name="trust" label="Trust" value={trustId} any="All trusts" options={trusts.map((t) => ({ value: t.id, label: t.name }))} />
          <Button type="submit" variant="secondary">
            Show
          </Button>
        </form>
        <p className="mb-2" role="status">
          {total === 1 ? "1 project team" : `${total} project teams`}
        </p>
        {teams.length > 0 ? (
          <Table caption="Project teams" columns={["Project team", "Trust", "Wards", "Members", "Target", "Status"]}>
            {teams.map((team) => (
              <tr key={team.id}>
                <td className={cell}>
                  <TextLink href={`/admin/teams/${team.id}`}>{team.name}</TextLink>
                </td>
                <td className={cell}>
                  <TextLink href={`/admin/trusts/${team.trust.id}`}>{team.trust.name}</TextLink>
                </td>
                <TeamFigures team={team} />
              </tr>
            ))}
          </Table>
        ) : null}
        <Pagination page={page} pages={pageCount} href={href} label="Project team pages" />
      </Section>
      <Section id="add-team-heading" title="Add a project team">
        {activeTrusts.length === 0 ? (
          <p>
            Add a trust first: <TextLink href="/admin/trusts">trusts and wards</TextLink>.
          </p>
        ) : (
          <AdminForm
            action={createTeamAction}
            id="add-team"
            fields={[
              {
                kind: "select",
                name: "trustId",
                label: "Trust",
                defaultValue: trustId ?? "",
                options: [{ value: "", label: "Choose a trust" }, ...activeTrusts.map((t) => ({ value: t.id, label: t.name }))],
              },
              ...teamFields(),
            ]}
            submitLabel="Add project team"
          />
        )}
      </Section>
    </>
  );
}
