import type { Metadata } from "next";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { getTeamForAdmin } from "@/lib/structure/teams";
import { AdminForm, RemoveButton, StatusSection } from "../../admin-form";
import { requireAdmin } from "../../require-admin";
import { teamFields } from "../team-fields";
import { addMemberAction, assignWardAction, removeMemberAction, removeWardAction, setTeamActiveAction, updateTeamAction } from "../actions";
import { orNotFound } from "@/lib/http/not-found";
import { cell, Table } from "@/components/table";
import { PageHeader, Section, Status, TextLink } from "@/components/ui";

export const metadata: Metadata = { title: "Project team (administration)" };

export default async function AdminTeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId } = await params;
  const actor = await requireAdmin(`/admin/teams/${teamId}`);
  const team = await orNotFound(getTeamForAdmin(actor, teamId));

  return (
    <>
      <PageHeader
        back={{ href: "/admin/teams", label: "All project teams" }}
        title={team.name}
        description={
          <>
            Project team of <TextLink href={`/admin/trusts/${team.trust.id}`}>{team.trust.name}</TextLink> · <Status active={team.active} />
          </>
        }
      />

      <Section id="wards-heading" title="Wards" description="A ward can be in only one project team, and only in a team of its own trust.">
        {team.wards.length === 0 ? (
          <p className="mb-4">This team has no wards yet.</p>
        ) : (
          <Table caption={`Wards of ${team.name}`} columns={["Ward", "Survey", "Change"]}>
            {team.wards.map((ward) => (
              <tr key={ward.id}>
                <td className={cell}>
                  <TextLink href={`/admin/wards/${ward.id}`}>{ward.name}</TextLink>
                </td>
                <td className={cell}>
                  <Status active={ward.active} inactiveLabel="Closed" />
                </td>
                <td className={cell}>
                  <RemoveButton action={removeWardAction} id={`remove-ward-${ward.id}`} hidden={{ teamId: team.id, wardId: ward.id }} context={`${ward.name} from this team`} />
                </td>
              </tr>
            ))}
          </Table>
        )}
        <div className="mt-6">
          <h3 className="mb-2 text-lg font-bold">Add a ward</h3>
          {!team.active ? (
            <p>Reactivate the team to add wards to it.</p>
          ) : team.unassignedWards.length === 0 ? (
            <p>
              Every ward of {team.trust.name} is already in a project team. To move a ward between teams, open the ward. To add a new
              ward, go to <TextLink href={`/admin/trusts/${team.trust.id}`}>the trust</TextLink>.
            </p>
          ) : (
            <AdminForm
              action={assignWardAction}
              id="add-ward"
              hidden={{ teamId: team.id }}
              fields={[
                {
                  kind: "select",
                  name: "wardId",
                  label: "Ward",
                  hint: `Wards of ${team.trust.name} that are not in a project team.`,
                  options: [{ value: "", label: "Choose a ward" }, ...team.unassignedWards.map((w) => ({ value: w.id, label: w.active ? w.name : `${w.name} (closed)` }))],
                },
              ]}
              submitLabel="Add ward to team"
            />
          )}
        </div>
      </Section>

      <Section id="members-heading" title="Members" description="Project leads see the run charts of their own teams' wards only.">
        {team.members.length === 0 ? (
          <p className="mb-4">This team has no members yet.</p>
        ) : (
          <Table caption={`Members of ${team.name}`} columns={["Name", "Email", "Role", "Change"]}>
            {team.members.map((member) => (
              <tr key={member.id}>
                <td className={cell}>
                  <TextLink href={`/admin/users/${member.id}`}>{member.name}</TextLink>
                  {member.active ? null : <span className="ml-2 text-muted">(deactivated)</span>}
                </td>
                <td className={cell}>{member.email}</td>
                <td className={cell}>{ROLE_LABELS[member.role]}</td>
                <td className={cell}>
                  <RemoveButton action={removeMemberAction} id={`remove-member-${member.id}`} hidden={{ teamId: team.id, userId: member.id }} context={`${member.name} from this team`} />
                </td>
              </tr>
            ))}
          </Table>
        )}
        <div className="mt-6">
          <h3 className="mb-2 text-lg font-bold">Add a member</h3>
          {team.otherUsers.length === 0 ? (
            <p>
              Everyone with an account is already a member. <TextLink href="/admin/users">Invite someone new</TextLink>.
            </p>
          ) : (
            <AdminForm
              action={addMemberAction}
              id="add-member"
              hidden={{ teamId: team.id }}
              fields={[
                {
                  kind: "select",
                  name: "userId",
                  label: "Person",
                  options: [
                    { value: "", label: "Choose a person" },
                    ...team.otherUsers.map((u) => ({ value: u.id, label: `${u.name} (${u.email}, ${ROLE_LABELS[u.role]})` })),
                  ],
                },
              ]}
              submitLabel="Add member"
            />
          )}
        </div>
      </Section>

      <Section id="details-heading" title="Name and target">
        <AdminForm
          action={updateTeamAction}
          id="edit-team"
          hidden={{ teamId: team.id }}
          fields={teamFields(team)}
          submitLabel="Save"
        />
      </Section>

      <StatusSection thing="team" action={setTeamActiveAction} record={{ teamId: team.id }} active={team.active} path={`/admin/teams/${team.id}`} />
    </>
  );
}
