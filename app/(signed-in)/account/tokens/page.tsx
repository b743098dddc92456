import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { EXPIRY_CHOICES, listTokens, tokenStatus, type TokenStatus } from "@/lib/api-tokens";
import { requireActor } from "@/lib/auth/actor";
import { publicBaseUrl } from "@/lib/posters";
import { revokeTokenAction } from "./actions";
import { CreateTokenForm } from "./create-token-form";
import { ColumnHeads } from "@/components/table";
import { Button, Notice, PageHeader } from "@/components/ui";

export const metadata: Metadata = { title: "API tokens" };

type Props = { searchParams: Promise<{ revoke?: string | string[]; revoked?: string | string[] }> };

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" });
const formatDate = (date: Date | null, none: string) => (date ? dateFormat.format(date) : none);

const STATUS_LABELS: Record<TokenStatus, string> = { active: "Active", revoked: "Revoked", expired: "Expired" };
const STATUS_STYLES: Record<TokenStatus, string> = {
  active: "border-nhs-green text-nhs-green",
  revoked: "border-muted text-muted",
  expired: "border-muted text-muted",
};

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function TokensPage({ searchParams }: Props) {
  const actor = await requireActor("/account/tokens");
  const query = await searchParams;
  const tokens = await listTokens(actor);
  const now = new Date();
  const confirming = tokens.find((token) => token.id === one(query.revoke) && tokenStatus(token, now) === "active");
  const revoked = tokens.find((token) => token.id === one(query.revoked));
  let apiBase = "";
  try {
    apiBase = publicBaseUrl(await headers());
  } catch {
    // Only used in the example below; a relative path still explains it.
  }

  return (
    <>
      <PageHeader
        back={{ href: "/account", label: "Back to my account" }}
        title="API tokens"
        description="A token lets a script or analysis tool use the Wardsafe API as you, seeing exactly what you can see."
      />

      {revoked ? (
        <Notice>
          <p>The token “{revoked.name}” is revoked. Scripts that use it can no longer sign in.</p>
        </Notice>
      ) : null}

      {confirming ? (
        <section aria-labelledby="confirm-heading" className="mb-6 max-w-2xl border-4 border-nhs-red bg-white p-6">
          <h2 id="confirm-heading" className="text-xl font-bold">
            Revoke the token “{confirming.name}”?
          </h2>
          <p className="mt-2">Any script using it stops working at once. You cannot undo this; you can create a new token.</p>
          <form action={revokeTokenAction} className="mt-4 flex flex-wrap items-center gap-4">
            <input type="hidden" name="id" value={confirming.id} />
            <Button type="submit" variant="danger">
              Yes, revoke “{confirming.name}”
            </Button>
            <Link href="/account/tokens" className="text-nhs-blue underline">
              Cancel
            </Link>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="create-heading" className="mb-8 max-w-2xl rounded border border-slate-300 bg-white p-6">
        <h2 id="create-heading" className="mb-4 text-xl font-bold">
          Create a token
        </h2>
        <CreateTokenForm expiryChoices={EXPIRY_CHOICES.map(({ value, label }) => ({ value, label }))} defaultExpiry="90" />
      </section>

      <section aria-labelledby="list-heading" className="mb-8">
        <h2 id="list-heading" className="mb-4 text-xl font-bold">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <p>You have no API tokens.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left">
              <ColumnHeads columns={["Name", "Starts with", "Created", "Last used", "Expires", "Status", <span key="actions" className="sr-only">Actions</span>]} />
              <tbody>
                {tokens.map((token) => {
                  const status = tokenStatus(token, now);
                  return (
                    <tr key={token.id} className="border-b border-slate-300">
                      <th scope="row" className="p-2 font-semibold">{token.name}</th>
                      <td className="p-2 font-mono text-sm">{token.prefix}…</td>
                      <td className="p-2">{formatDate(token.createdAt, "")}</td>
                      <td className="p-2">{formatDate(token.lastUsedAt, "Never")}</td>
                      <td className="p-2">{formatDate(token.expiresAt, "Never")}</td>
                      <td className="p-2">
                        <span className={`rounded border-2 px-2 py-0.5 text-sm font-semibold ${STATUS_STYLES[status]}`}>
                          {STATUS_LABELS[status]}
                          {status === "revoked" && token.revokedAt ? ` ${formatDate(token.revokedAt, "")}` : ""}
                        </span>
                      </td>
                      <td className="p-2">
                        {status === "active" ? (
                          <Link href={`/account/tokens?revoke=${token.id}`} className="text-nhs-red underline">
                            Revoke<span className="sr-only"> “{token.name}”</span>
                          </Link>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="use-heading" className="max-w-3xl">
        <h2 id="use-heading" className="mb-2 text-xl font-bold">
          Using a token
        </h2>
        <p>Send it in the Authorization header of each request, for example:</p>
        <pre className="mt-2 overflow-x-auto rounded bg-white p-3 font-mono text-sm" tabIndex={0}>
          {`curl -H "Authorization: Bearer <your token>" ${apiBase}/api/v1/me`}
        </pre>
        <p className="mt-2">
          For scripts on the server, an administrator can also run{" "}
          <code className="font-mono">npm run token:create -- --email &lt;your email&gt;</code>.
        </p>
      </section>
    </>
  );
}
