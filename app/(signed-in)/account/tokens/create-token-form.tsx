"use client";

import { useActionState, useState } from "react";
import { valueText } from "@/lib/http/form-state";
import { createTokenAction, type CreateTokenState } from "./actions";
import { Field, Select } from "@/components/form";
import { Button, ErrorSummary, Notice } from "@/components/ui";

type Choice = { value: string; label: string };

// The expiry choices come from the server page: lib/api-tokens holds them but also talks to the database.
export function CreateTokenForm({ expiryChoices, defaultExpiry }: { expiryChoices: readonly Choice[]; defaultExpiry: string }) {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, {});
  return (
    <>
      {state.created ? <NewToken key={state.created.token} name={state.created.name} token={state.created.token} /> : null}
      <form action={action} noValidate>
        <ErrorSummary error={state.error} fields={state.fields} />
        <Field
          id="name"
          label="Token name"
          hint="What it is for, so you can recognise it later, for example “Monthly report script”."
          maxLength={100}
          autoComplete="off"
          defaultValue={valueText(state.values?.name)}
          error={state.fields?.name}
        />
        <Select
          id="expiresInDays"
          name="expiresInDays"
          label="Expires"
          options={[...expiryChoices]}
          defaultValue={valueText(state.values?.expiresInDays) || defaultExpiry}
          error={state.fields?.expiresInDays}
        />
        <Button type="submit" disabled={pending}>
          Create token
        </Button>
      </form>
    </>
  );
}

function NewToken({ name, token }: { name: string; token: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <Notice>
      <h3 className="text-lg font-bold">Your new token “{name}”</h3>
      <p className="mt-1">
        <strong>Copy it now</strong> and keep it somewhere safe, such as a password manager: it will not be shown again. Anyone
        who has it can read what you can read.
      </p>
      <label htmlFor="new-token" className="mt-3 block font-semibold">
        Token
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <input
          id="new-token"
          readOnly
          value={token}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full max-w-2xl rounded border-2 border-ink bg-white px-3 py-2 font-mono text-sm"
        />
        <Button type="button" variant="secondary" onClick={copy}>
          Copy token
        </Button>
        <span aria-live="polite" className="text-sm">
          {copied === "yes" ? "Copied." : copied === "failed" ? "Could not copy: select the token and copy it yourself." : ""}
        </span>
      </div>
    </Notice>
  );
}
