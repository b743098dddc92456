import type { Metadata } from "next";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { listTeamOptions } from "@/lib/structure/teams";
import { getUserForAdmin } from "@/lib/structure/users";
import { AdminForm, StatusSection } from "../../admin-form";
import { requireAdmin } from "../../require-admin";
import { resetLinkAction, setUserActiveAction, setUserRoleAction, setUserTeamsAction } from "../actions";
import { orNotFound } from "@/lib/http/not-found";
import { PageHeader, Section } from "@/components/ui";

export const metadata: Metadata = { title: "User" };

export default async function AdminUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const actor = await requireAdmin(`/admin/users/${userId}`);
  const [user, teams] = await Promise.all([
    orNotFound(getUserForAdmin(actor, userId)),
    listTeamOptions(actor),
  ]);
  const self = user.id === actor.id;
  const status = !user.active ? "Deactivated" : user.hasPassword ? "Active" : "Invited: has not set a password yet";

  return (
    <>
      <PageHeader
        back={{ href: "/admin/users", label: "All users" }}
        title={user.name}
        description={`${user.email} · ${ROLE_LABELS[user.role]} · ${status}`}
      />

      <Section id="teams-heading" title="Project teams" description="A project lead sees the wards and run charts of these teams only.">
        <AdminForm
          action={setUserTeamsAction}
          id="user-teams"
          hidden={{ userId: user.id }}
          fields={[
            {
              kind: "checkboxes",
              name: "teamIds",
              label: `Teams ${user.name} is a member of`,
              defaultValue: user.teamIds,
              // Deactivated teams are listed only when the user is still in them, so they can be taken out.
              options: teams
                .filter((t) => t.active || user.teamIds.includes(t.id))
                .map((t) => ({ value: t.id, label: `${t.name} (${t.trust.name})${t.active ? "" : " (deactivated)"}` })),
            },
          ]}
          submitLabel="Save project teams"
        />
      </Section>

      <Section id="role-heading" title="Role">
        {self ? (
          <p>You cannot change your own role. Another administrator can.</p>
        ) : (
          <AdminForm
            action={setUserRoleAction}
            id="user-role"
            hidden={{ userId: user.id }}
            fields={[
              {
                kind: "select",
                name: "role",
                label: "Role",
                hint: "Project leads see their own teams; QI coaches see every ward; administrators also change the set-up.",
                defaultValue: user.role,
                options: ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
              },
            ]}
            submitLabel="Save role"
          />
        )}
      </Section>

      <Section
        id="password-heading"
        title="Set-password link"
        description="For someone who has forgotten their password or lost their invitation. Any earlier unused link stops working."
      >
        {user.active ? (
          <AdminForm action={resetLinkAction} id="reset-link" hidden={{ userId: user.id }} submitLabel="Make a new set-password link" variant="secondary" />
        ) : (
          <p>Reactivate the user first.</p>
        )}
      </Section>

      <StatusSection
        thing="user"
        action={setUserActiveAction}
        record={{ userId: user.id }}
        active={user.active}
        path={`/admin/users/${user.id}`}
        refusal={self ? "You cannot deactivate yourself. Another administrator can." : undefined}
      />
    </>
  );
}
