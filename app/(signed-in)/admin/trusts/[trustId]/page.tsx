import type { Metadata } from "next";
import { getTrustForAdmin } from "@/lib/structure/trusts";
import { AdminForm } from "../../admin-form";
import { requireAdmin } from "../../require-admin";
import { createTeamAction } from "../../teams/actions";
import { teamFields } from "../../teams/team-fields";
import { createWardAction } from "../../wards/actions";
import { renameTrustAction, setTrustActiveAction } from "../actions";
import { orNotFound } from "@/lib/http/not-found";
import { cell, Table } from "@/components/table";
import { Notice, PageHeader, Section, Status, TextLink } from "@/components/ui";
import { TeamFigures } from "../../teams/team-figures";

export const metadata: Metadata = { title: "Trust" };

type Props = { params: Promise<{ trustId: string }>; searchParams: Promise<{ confirm?: string; changed?: string }> };

export default async function TrustPage({ params, searchParams }: Props) {
  const { trustId } = await params;
  const { confirm, changed } = await searchParams;
  const actor = await requireAdmin(`/admin/trusts/${trustId}`);
  const trust = await orNotFound(getTrustForAdmin(actor, trustId));
  const activeTeams = trust.teams.filter((t) => t.active);
  const activeWards = trust.wards.filter((w) => w.active).length;

  return (
    <>
      <PageHeader
        back={{ href: "/admin/trusts", label: "All trusts" }}
        title={trust.name}
        description={trust.active ? "Active trust" : "Deactivated trust: its wards take no answers"}
      />
      {changed === "deactivated" ? <Notice>The trust is deactivated. Its wards&apos; surveys are closed and its project teams deactivated.</Notice> : null}
      {changed === "reactivated" ? (
        <Notice>The trust is active again. Its wards and project teams stay deactivated until you reopen each one.</Notice>
      ) : null}

      <Section id="wards-heading" title="Wards">
        {trust.wards.length === 0 ? (
          <p className="mb-4">This trust has no wards yet.</p>
        ) : (
          <Table caption={`Wards of ${trust.name}`} columns={["Ward", "Project team", "Survey code", "Survey"]}>
            {trust.wards.map((ward) => (
              <tr key={ward.id}>
                <td className={cell}>
                  <TextLink href={`/admin/wards/${ward.id}`}>{ward.name}</TextLink>
                </td>
                <td className={cell}>{ward.team ? <TextLink href={`/admin/teams/${ward.team.id}`}>{ward.team.name}</TextLink> : "None"}</td>
                <td className={`${cell} font-mono`}>{ward.surveyCode}</td>
                <td className={cell}>
                  <Status active={ward.active} inactiveLabel="Closed" />
                </td>
              </tr>
            ))}
          </Table>
        )}
        {trust.active ? (
          <div className="mt-6">
            <h3 className="mb-2 text-lg font-bold">Add a ward</h3>
            <AdminForm
              action={createWardAction}
              id="add-ward"
              hidden={{ trustId: trust.id }}
              fields={[
                { kind: "text", name: "name", label: "Ward name" },
                {
                  kind: "select",
                  name: "teamId",
                  label: "Project team (optional)",
                  options: [{ value: "", label: "No project team yet" }, ...activeTeams.map((t) => ({ value: t.id, label: t.name }))],
                },
              ]}
              submitLabel="Add ward"
            />
          </div>
        ) : null}
      </Section>

      <Section id="teams-heading" title="Project teams">
        {trust.teams.length === 0 ? (
          <p className="mb-4">This trust has no project teams yet.</p>
        ) : (
          <Table caption={`Project teams of ${trust.name}`} columns={["Project team", "Wards", "Members", "Target", "Status"]}>
            {trust.teams.map((team) => (
              <tr key={team.id}>
                <td className={cell}>
                  <TextLink href={`/admin/teams/${team.id}`}>{team.name}</TextLink>
                </td>
                <TeamFigures team={team} />
              </tr>
            ))}
          </Table>
        )}
        {trust.active ? (
          <div className="mt-6">
            <h3 className="mb-2 text-lg font-bold">Add a project team</h3>
            <AdminForm
              action={createTeamAction}
              id="add-team"
              hidden={{ trustId: trust.id }}
              fields={teamFields()}
              submitLabel="Add project team"
            />
          </div>
        ) : null}
      </Section>

      <Section id="rename-heading" title="Rename the trust">
        <AdminForm
          action={renameTrustAction}
          id="rename-trust"
          hidden={{ trustId: trust.id }}
          fields={[
            { kind: "text", name: "name", label: "Trust name", defaultValue: trust.name },
          ]}
          submitLabel="Save name"
        />
      </Section>

      <Section id="status-heading" title={trust.active ? "Deactivate the trust" : "Reactivate the trust"}>
        {!trust.active ? (
          <>
            <p className="mb-4">Reactivating the trust does not reopen its wards or project teams: reopen each one from its own page.</p>
            <AdminForm
              action={setTrustActiveAction}
              id="reactivate-trust"
              hidden={{ trustId: trust.id, active: "true" }}
              submitLabel="Reactivate trust"
              variant="secondary"
            />
          </>
        ) : confirm === "deactivate" ? (
          <div className="border-l-8 border-nhs-red pl-4">
            <p className="mb-2 font-semibold">
              Deactivate {trust.name}? This closes the surveys of its {activeWards} active {activeWards === 1 ? "ward" : "wards"} and deactivates its{" "}
              {activeTeams.length} active project {activeTeams.length === 1 ? "team" : "teams"}.
            </p>
            <p className="mb-4">Nothing is deleted: every response, chart and change stays, and the trust can be reactivated.</p>
            <div className="flex flex-wrap items-start gap-4">
              <AdminForm
                action={setTrustActiveAction}
                id="deactivate-trust"
                hidden={{ trustId: trust.id, active: "false" }}
                submitLabel="Yes, deactivate the trust"
                variant="danger"
              />
              <TextLink href={`/admin/trusts/${trust.id}`}>Cancel</TextLink>
            </div>
          </div>
        ) : (
          <>
            <p className="mb-4">A trust that leaves the programme is deactivated, never deleted: its responses and charts stay.</p>
            <TextLink href={`/admin/trusts/${trust.id}?confirm=deactivate`}>Deactivate this trust…</TextLink>
          </>
        )}
      </Section>
    </>
  );
}
