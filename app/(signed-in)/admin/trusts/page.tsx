import type { Metadata } from "next";
import { listTrustsForAdmin } from "@/lib/structure/trusts";
import { AdminForm } from "../admin-form";
import { requireAdmin } from "../require-admin";
import { createTrustAction } from "./actions";
import { cell, Table } from "@/components/table";
import { PageHeader, Section, Status, TextLink } from "@/components/ui";

export const metadata: Metadata = { title: "Trusts and wards" };

export default async function TrustsPage() {
  const actor = await requireAdmin("/admin/trusts");
  const trusts = await listTrustsForAdmin(actor);
  return (
    <>
      <PageHeader title="Trusts and wards" description="Each trust's wards and project teams are on the trust's own page." />
      <Section id="trusts-heading" title="Trusts">
        {trusts.length === 0 ? (
          <p>There are no trusts yet. Add the first one below.</p>
        ) : (
          <Table caption="Trusts" columns={["Trust", "Wards", "Project teams", "Status"]}>
            {trusts.map((trust) => (
              <tr key={trust.id}>
                <td className={cell}>
                  <TextLink href={`/admin/trusts/${trust.id}`}>{trust.name}</TextLink>
                </td>
                <td className={cell}>{trust._count.wards}</td>
                <td className={cell}>{trust._count.teams}</td>
                <td className={cell}>
                  <Status active={trust.active} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section id="add-trust-heading" title="Add a trust">
        <AdminForm
          action={createTrustAction}
          id="add-trust"
          fields={[{ kind: "text", name: "name", label: "Trust name", hint: "As the trust writes it, for example: Northbrook Mental Health NHS Foundation Trust." }]}
          submitLabel="Add trust"
        />
      </Section>
    </>
  );
}
