"use client";

import { useActionState, useState } from "react";
import { ConfirmStep, Described, describedBy } from "@/components/form";
import { valueText, type FormState } from "@/lib/http/form-state";
import { Button, ErrorSummary, Notice, Section } from "@/components/ui";

// One form component for the administration pages, described by data so server pages can use it:
// labels tied to inputs, errors tied to fields (and listed in a summary that links to them),
// the submitted values kept after an error, and ids prefixed so several forms share a page.

type Option = { value: string; label: string };

export type FieldSpec =
  | { kind: "text"; name: string; label: string; hint?: string; defaultValue?: string; type?: "text" | "email"; inputMode?: "numeric"; autoComplete?: string; short?: boolean }
  | { kind: "textarea"; name: string; label: string; hint?: string; defaultValue?: string; rows?: number }
  | { kind: "select"; name: string; label: string; hint?: string; defaultValue?: string; options: Option[] }
  | { kind: "checkboxes"; name: string; label: string; hint?: string; defaultValue?: string[]; options: Option[] };

type Props = {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  /** Prefix for element ids; unique on the page. */
  id: string;
  /** What the form is about (the ids of the ward, team, user…), sent with it unseen. */
  hidden?: Record<string, string>;
  fields?: FieldSpec[];
  submitLabel: string;
  /** Words a screen reader adds to the button, for buttons repeated in a table ("Remove" → "Remove Willow Ward"). */
  submitContext?: string;
  variant?: "primary" | "secondary" | "danger";
  inline?: boolean;
  /** For a change that cannot be undone here: what the form asks first, and its "Yes" button. */
  confirm?: { question: string; yes: string; cancelHref: string };
};

const inputClass = (error: boolean, short?: boolean) =>
  `mt-1 block w-full ${short ? "max-w-40" : "max-w-md"} rounded border-2 bg-white px-3 py-2 ${error ? "border-nhs-red" : "border-ink"}`;


function FieldInput({ spec, prefix, error, kept }: { spec: FieldSpec; prefix: string; error?: string; kept?: string | string[] }) {
  const id = `${prefix}-${spec.name}`;
  if (spec.kind === "checkboxes") {
    const checked = kept === undefined ? (spec.defaultValue ?? []) : Array.isArray(kept) ? kept : [kept];
    return (
      <fieldset id={id} className="mb-4" aria-describedby={describedBy(id, spec.hint, error)}>
        <legend className="font-semibold">{spec.label}</legend>
        <Described id={id} hint={spec.hint} error={error} announce />
        {spec.options.length === 0 ? <p className="text-muted">There are none to choose from yet.</p> : null}
        <ul className="mt-1 max-h-72 space-y-1 overflow-y-auto">
          {spec.options.map((option, i) => (
            <li key={option.value} className="flex items-center gap-2">
              <input
                type="checkbox"
                id={`${id}-${i}`}
                name={spec.name}
                value={option.value}
                defaultChecked={checked.includes(option.value)}
                className="size-5"
              />
              <label htmlFor={`${id}-${i}`}>{option.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    );
  }
  const value = valueText(kept) ?? spec.defaultValue ?? "";
  const common = {
    id,
    name: spec.name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, spec.hint, error),
  };
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-semibold">
        {spec.label}
      </label>
      <Described id={id} hint={spec.hint} error={error} announce />
      {spec.kind === "text" ? (
        <input
          {...common}
          type={spec.type ?? "text"}
          inputMode={spec.inputMode}
          autoComplete={spec.autoComplete ?? "off"}
          defaultValue={value}
          className={inputClass(Boolean(error), spec.short)}
        />
      ) : spec.kind === "textarea" ? (
        <textarea {...common} rows={spec.rows ?? 4} defaultValue={value} className={`${inputClass(Boolean(error))} max-w-xl`} />
      ) : (
        <select {...common} defaultValue={value} className={inputClass(Boolean(error))}>
          {spec.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

function OneTimeLink({ id, link }: { id: string; link: { url: string; label: string } }) {
  const [copied, setCopied] = useState(false);
  return (
    <Notice>
      <p className="font-semibold">{link.label}</p>
      <p className="mb-2 text-sm">
        This link is shown only this once. It works once and expires after 72 hours. Pass it on to the person securely (for example
        in a message to their work email), not in a shared channel.
      </p>
      <label htmlFor={`${id}-link`} className="block text-sm font-semibold">
        One-time set-password link
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input id={`${id}-link`} readOnly value={link.url} className="block w-full max-w-2xl rounded border-2 border-ink bg-white px-3 py-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(link.url).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy link"}
        </Button>
      </div>
    </Notice>
  );
}

export function AdminForm({ action, id, hidden = {}, fields = [], submitLabel, submitContext, variant = "primary", inline = false, confirm }: Props) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  if (state.confirm && confirm) return <ConfirmStep formAction={formAction} hidden={hidden} id={id} {...confirm} />;
  const names = new Set(fields.map((f) => f.name));
  // Errors about a field this form shows link to it; any other refusal becomes the summary's heading.
  const linked: Record<string, string> = {};
  const other: string[] = [];
  for (const [name, message] of Object.entries(state.fields ?? {})) {
    if (names.has(name)) linked[`${id}-${name}`] = message;
    else other.push(message);
  }
  const hasError = Boolean(state.error) || Object.keys(state.fields ?? {}).length > 0;
  const kept = hasError ? state.values : undefined;
  return (
    <form action={formAction} noValidate className={inline ? "inline-flex flex-col items-start" : undefined}>
      {hasError ? (
        <ErrorSummary error={other.length > 0 ? other.join(". ") : (state.error ?? "There is a problem")} fields={Object.keys(linked).length > 0 ? linked : undefined} />
      ) : null}
      {state.done && !hasError ? <Notice>{state.done}</Notice> : null}
      {state.link && !hasError ? <OneTimeLink id={id} link={state.link} /> : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((spec) => (
        <FieldInput key={spec.name} spec={spec} prefix={id} error={state.fields?.[spec.name]} kept={kept?.[spec.name]} />
      ))}
      <Button type="submit" variant={variant} disabled={pending}>
        {submitLabel}
        {submitContext ? <span className="sr-only"> {submitContext}</span> : null}
      </Button>
    </form>
  );
}

type StatusWords = { title: string; description: string; button: string; question?: string; yes?: string };

// What the status section says for each thing, while it is active and once it is deactivated.
const STATUS_WORDS: Record<"ward" | "team" | "user", { active: StatusWords; inactive: StatusWords }> = {
  ward: {
    active: {
      title: "Close the survey",
      description: "A ward that closes or leaves the programme is deactivated, never deleted: its survey stops taking answers and its responses and charts stay.",
      button: "Close the survey (deactivate ward)",
      question: "Close this ward's survey? It stops taking answers at once, on phones, ward tablets and posters alike, until an administrator reopens it.",
      yes: "Yes, close the survey",
    },
    inactive: { title: "Reopen the survey", description: "The survey is closed. Reopen it to take answers again at the same address.", button: "Reopen the survey" },
  },
  team: {
    active: {
      title: "Deactivate the team",
      description: "A team that finishes or stops is deactivated, never deleted: its wards, members and charts are kept.",
      button: "Deactivate project team",
      question: "Deactivate this project team? Its members can no longer change its charts until it is reactivated; its wards, members and charts are kept.",
      yes: "Yes, deactivate the team",
    },
    inactive: { title: "Reactivate the team", description: "The team is deactivated. Reactivate it to add wards to it again.", button: "Reactivate project team" },
  },
  user: {
    active: {
      title: "Deactivate",
      description: "Deactivating signs them out everywhere at once and stops them signing in. Nothing they did is deleted.",
      button: "Deactivate user",
      question: "Deactivate this user? They are signed out everywhere at once and cannot sign in until reactivated.",
      yes: "Yes, deactivate the user",
    },
    inactive: { title: "Reactivate", description: "Reactivated users sign in with their existing password, or with a new set-password link.", button: "Reactivate user" },
  },
};

/**
 * The section that deactivates or reactivates a ward, team or user: never a deletion, so the
 * history stays. `refusal` replaces the button when the change is not allowed (yourself);
 * `description` replaces the usual words when there is more to say.
 */
export function StatusSection(props: {
  thing: keyof typeof STATUS_WORDS;
  action: Props["action"];
  /** The record's id field, e.g. { wardId: ward.id }. */
  record: Record<string, string>;
  active: boolean;
  description?: string;
  refusal?: string;
  /** The page the Cancel of the confirmation returns to. */
  path: string;
}) {
  const now = STATUS_WORDS[props.thing][props.active ? "active" : "inactive"];
  return (
    <Section id="status-heading" title={now.title} description={props.description ?? now.description}>
      {props.refusal ? (
        <p>{props.refusal}</p>
      ) : (
        <AdminForm
          action={props.action}
          id="status"
          hidden={{ ...props.record, active: props.active ? "false" : "true" }}
          submitLabel={now.button}
          variant={props.active ? "danger" : "secondary"}
          confirm={now.question && now.yes ? { question: now.question, yes: now.yes, cancelHref: props.path } : undefined}
        />
      )}
    </Section>
  );
}

/** The "Remove" button in a row of a list (a ward from a team, a member from a team). */
export function RemoveButton({ action, id, hidden, context }: { action: Props["action"]; id: string; hidden: Record<string, string>; context: string }) {
  return <AdminForm action={action} id={id} hidden={hidden} submitLabel="Remove" submitContext={context} variant="secondary" inline />;
}
