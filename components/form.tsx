"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore, type ComponentProps, type ReactNode } from "react";
import { valueText, type FormState } from "@/lib/http/form-state";
import { Button, ErrorSummary } from "@/components/ui";

// The parts every form is built from, and the frame of a form posting to a server action: labels
// tied to inputs, each field described by its hint and error, errors listed at the top and linked
// to their fields, what was typed kept after a refusal (lib/http/form-state's FormState). Field ids
// carry a prefix because one page holds several forms.

/** A field's hint and error, with the ids its input's aria-describedby points at. */
export function Described({ id, hint, error, announce = false }: { id: string; hint?: string; error?: string; announce?: boolean }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="font-semibold text-nhs-red">
          {announce ? <span className="sr-only">Error: </span> : null}
          {error}
        </p>
      ) : null}
    </>
  );
}

export const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

type Labelled = { id: string; label: string; error?: string; hint?: string; /** Marked "(required)" beside the label, and aria-required. */ needed?: boolean };

/** The label, hint and error around one control, and the attributes that tie the control to them. */
function LabelledControl({
  id,
  label,
  hint,
  error,
  needed,
  extraDescription,
  control,
}: Labelled & {
  /** Another element describing the control (a character count). */
  extraDescription?: string;
  control: (tie: { id: string; "aria-invalid"?: true; "aria-describedby"?: string; "aria-required"?: true; border: string }) => ReactNode;
}) {
  const described = [describedBy(id, hint, error), extraDescription].filter(Boolean).join(" ") || undefined;
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-semibold">
        {label}
        {needed ? <span className="font-normal"> (required)</span> : null}
      </label>
      <Described id={id} hint={hint} error={error} />
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": described, "aria-required": needed ? true : undefined, border: error ? "border-nhs-red" : "border-ink" })}
    </div>
  );
}

export function Field({ id, label, error, hint, needed, ...input }: Labelled & ComponentProps<"input">) {
  return (
    <LabelledControl
      {...{ id, label, error, hint, needed }}
      control={({ border, ...tie }) => <input name={id} {...tie} className={`mt-1 block w-full max-w-md rounded border-2 px-3 py-2 ${border}`} {...input} />}
    />
  );
}


export type FormAction = (state: FormState, form: FormData) => Promise<FormState>;

function prefixed(fields: Record<string, string> | undefined, prefix: string): Record<string, string> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([key, message]) => [`${prefix}-${key}`, message]));
}

/** A form posting to a server action: its summary of problems, its "done" message, and each field's error and typed value. */
export function useFormAction(action: FormAction, prefix: string) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const error = (field: string) => state.fields?.[field];
  const summary = state.error ? <ErrorSummary error={state.error} fields={prefixed(state.fields, prefix)} /> : null;
  const done = state.done && !state.error ? (
    <p role="status" className="mb-3 border-l-4 border-nhs-green bg-green-50 p-2">
      {state.done}
    </p>
  ) : null;
  const value = (field: string) => valueText(state.values?.[field]);
  /** A field's id, name, error and value (what was typed, after a refusal; else `initial`): spread it on a Field, TextArea or Select. */
  const bind = (name: string, initial?: string | number | null) => ({
    id: `${prefix}-${name}`,
    name,
    defaultValue: value(name) ?? (initial === null || initial === undefined ? undefined : String(initial)),
    error: error(name),
  });
  return { state, formAction, pending, error, summary, done, value, bind };
}

/**
 * A boxed form posting to a server action: its problems and "done" message at the top, then the
 * hidden fields that say what it changes (and which page to refresh), then its own fields.
 */
export function ActionForm({
  form,
  label,
  hidden,
  children,
}: {
  form: Pick<ReturnType<typeof useFormAction>, "formAction" | "summary" | "done">;
  label: string;
  hidden: Record<string, string>;
  children: ReactNode;
}) {
  return (
    <form action={form.formAction} noValidate aria-label={label} className="rounded border border-slate-300 bg-white p-4">
      {form.summary}
      {form.done}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </form>
  );
}

const noSubscription = () => () => {};

/**
 * A text area; with maxLength, a count of characters against the limit under it, live as the
 * person types (announced to screen readers once they pause). Without JavaScript it says the limit.
 */
export function TextArea({ id, label, hint, error, needed, ...props }: Labelled & ComponentProps<"textarea">) {
  const limit = props.maxLength;
  const [typed, setTyped] = useState<number | null>(null);
  const [spoken, setSpoken] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The server (and a browser without JavaScript) shows the plain limit; once hydrated, the count.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const count = hydrated ? (typed ?? String(props.defaultValue ?? props.value ?? "").length) : null;
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);
  const words = (n: number) => `${n} of ${limit} characters`;
  return (
    <LabelledControl
      {...{ id, label, error, hint, needed }}
      extraDescription={limit ? `${id}-count` : undefined}
      control={({ border, ...tie }) => (
        <>
          <textarea
            rows={3}
            {...tie}
            className={`mt-1 block w-full max-w-xl rounded border-2 px-3 py-2 ${border}`}
            {...props}
            onInput={(event) => {
              const length = event.currentTarget.value.length;
              setTyped(length);
              if (timer.current) clearTimeout(timer.current);
              timer.current = setTimeout(() => setSpoken(words(length)), 800);
              props.onInput?.(event);
            }}
          />
          {limit ? (
            <>
              <p id={`${id}-count`} className="mt-1 text-sm text-muted" data-character-count>
                {count === null ? `Up to ${limit} characters` : words(count)}
              </p>
              <span className="sr-only" aria-live="polite">
                {spoken}
              </span>
            </>
          ) : null}
        </>
      )}
    />
  );
}

export function Select({ id, label, error, hint, needed, options, ...props }: Labelled & { options: { value: string; label: string }[] } & ComponentProps<"select">) {
  return (
    <LabelledControl
      {...{ id, label, error, hint, needed }}
      control={({ border, ...tie }) => (
        <select {...tie} className={`mt-1 block w-full max-w-xl rounded border-2 bg-white px-3 py-2 ${border}`} {...props}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}


/** A new password and the same again (never kept after a refusal: the fields come back empty). */
export function NewPasswordFields({ errors, confirmLabel }: { errors?: Record<string, string>; confirmLabel: string }) {
  return (
    <>
      <Field id="password" label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." error={errors?.password} />
      <Field id="confirm" label={confirmLabel} type="password" autoComplete="new-password" error={errors?.confirm} />
    </>
  );
}

/**
 * A form that is one button (delete, remove): what it acts on goes in hidden fields. Its
 * problems show above it, unless the page shows them elsewhere (`withSummary={false}`).
 */
export function ButtonForm({
  form,
  hidden,
  variant = "danger",
  className,
  withSummary = true,
  children,
}: {
  form: Pick<ReturnType<typeof useFormAction>, "formAction" | "summary" | "pending">;
  hidden: Record<string, string>;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
  withSummary?: boolean;
  children: ReactNode;
}) {
  return (
    <form action={form.formAction} className={className}>
      {withSummary ? form.summary : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={form.pending}>
        {children}
      </Button>
    </form>
  );
}

/**
 * The question a form asks before a change that cannot be undone (its action answered
 * `confirm`): the question, "Yes" (the same form again, with confirmed=yes) and Cancel (the page
 * as it was). A plain form and a link, so it works without JavaScript.
 */
export function ConfirmStep({
  formAction,
  hidden,
  question,
  yes,
  cancelHref,
  id,
}: {
  formAction: (form: FormData) => void;
  hidden: Record<string, string>;
  question: string;
  yes: string;
  cancelHref: string;
  id: string;
}) {
  return (
    <div role="alertdialog" aria-labelledby={`${id}-question`} className="my-2 rounded border-4 border-nhs-red bg-white p-4">
      <p id={`${id}-question`} className="font-semibold">
        {question}
      </p>
      <form action={formAction} className="mt-3 flex flex-wrap items-center gap-4">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirmed" value="yes" />
        <Button type="submit" variant="danger">
          {yes}
        </Button>
        <a href={cancelHref} className="font-semibold text-nhs-blue underline">
          Cancel
        </a>
      </form>
    </div>
  );
}

/** A one-button form for a change that cannot be undone: the first press asks (ConfirmStep), "Yes" does it. */
export function ConfirmButtonForm({
  form,
  hidden,
  question,
  yes,
  cancelHref,
  className,
  children,
}: {
  form: Pick<ReturnType<typeof useFormAction>, "formAction" | "summary" | "pending" | "state">;
  hidden: Record<string, string>;
  question: string;
  yes: string;
  cancelHref: string;
  className?: string;
  children: ReactNode;
}) {
  if (form.state.confirm) {
    return <ConfirmStep formAction={form.formAction} hidden={hidden} question={question} yes={yes} cancelHref={cancelHref} id={`confirm-${Object.values(hidden)[0] ?? "change"}`} />;
  }
  return (
    <ButtonForm form={form} hidden={hidden} className={className}>
      {children}
    </ButtonForm>
  );
}
