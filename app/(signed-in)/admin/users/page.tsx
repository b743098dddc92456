import type { Metadata } from "next";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { listTeamOptions } from "@/lib/structure/teams";
import { listUsersForAdmin } from "@/lib/structure/users";
import { AdminForm } from "../admin-form";
import { requireAdmin } from "../require-admin";
import { inviteUserAction } from "./actions";
import { cell, Table } from "@/components/table";
import { pageParam, Pagination, stringParam } from "@/components/nav";
import { Button, PageHeader, Section, TextLink } from "@/components/ui";

export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<{ q?: string; page?: string }> };

export default async function UsersPage({ searchParams }: Props) {
  const params = await searchParams;
  const actor = await requireAdmin("/admin/users");
  const search = stringParam(params.q);
  const [{ users, total, page, pageCount }, teams] = await Promise.all([
    listUsersForAdmin(actor, { search, page: pageParam(params.page) }),
    listTeamOptions(actor),
  ]);
  const href = (p: number) => `/admin/users?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(p) })}`;

  return (
    <>
      <PageHeader title="Users" description="Everyone who signs in to Wardsafe. Nobody who answers the survey has an account." />
      <Section id="users-heading" title="People">
        <form method="get" action="/admin/users" role="search" className="mb-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="search-q" className="block font-semibold">
              Name or email
            </label>
            <input id="search-q" name="q" type="search" defaultValue={search ?? ""} className="mt-1 block rounded border-2 border-ink bg-white px-3 py-2" />
          </div>
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        <p className="mb-2" role="status">
          {total === 1 ? "1 user" : `${total} users`}
          {search ? ` matching "${search}"` : ""}
        </p>
        {users.length > 0 ? (
          <Table caption="Users" columns={["Name", "Email", "Role", "Project teams", "Status"]}>
            {users.map((user) => (
              <tr key={user.id}>
                <td className={cell}>
                  <TextLink href={`/admin/users/${user.id}`}>{user.name}</TextLink>
                </td>
                <td className={cell}>{user.email}</td>
                <td className={cell}>{ROLE_LABELS[user.role]}</td>
                <td className={cell}>{user.teams.length === 0 ? "None" : user.teams.map((t) => t.name).join(", ")}</td>
                <td className={cell}>{!user.active ? "Deactivated" : user.hasPassword ? "Active" : "Invited (no password yet)"}</td>
              </tr>
            ))}
          </Table>
        ) : null}
        <Pagination page={page} pages={pageCount} href={href} label="User pages" />
      </Section>

      <Section
        id="invite-heading"
        title="Invite someone"
        description="This creates their account and gives you a one-time link to pass on, with which they set their own password. The link works once and expires after 72 hours."
      >
        <AdminForm
          action={inviteUserAction}
          id="invite"
          fields={[
            { kind: "text", name: "name", label: "Full name" },
            { kind: "text", name: "email", label: "Email address", type: "email", hint: "Their work email; they sign in with it." },
            {
              kind: "select",
              name: "role",
              label: "Role",
              defaultValue: "PROJECT_LEAD",
              options: ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
            },
            {
              kind: "checkboxes",
              name: "teamIds",
              label: "Project teams (optional)",
              hint: "A project lead sees the wards of these teams only.",
              options: teams.filter((t) => t.active).map((t) => ({ value: t.id, label: `${t.name} (${t.trust.name})` })),
            },
          ]}
          submitLabel="Create account and get link"
        />
      </Section>
    </>
  );
}
