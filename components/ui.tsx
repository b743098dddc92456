import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";

// Small shared building blocks for the signed-in pages, so forms and errors look and behave the
// same everywhere (labels tied to inputs, errors tied to fields, visible focus).

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-bold text-nhs-dark-blue">{title}</h1>
        {description ? <p className="mt-1 text-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}

export function ErrorSummary({ error, fields }: { error?: string; fields?: Record<string, string> }) {
  if (!error && !fields) return null;
  const entries = Object.entries(fields ?? {});
  return (
    <div role="alert" className="mb-6 border-4 border-nhs-red bg-white p-4">
      <h2 className="text-lg font-bold">{error ?? "There is a problem"}</h2>
      {entries.length > 0 ? (
        <ul className="mt-2 list-disc pl-5">
          {entries.map(([field, message]) => (
            <li key={field}>
              <a className="font-semibold text-nhs-red underline" href={`#${field}`}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A field's hint and error, with the ids its input's aria-describedby points at. */
export function Described({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="font-semibold text-nhs-red">
          {error}
        </p>
      ) : null}
    </>
  );
}

export const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

export function Field({
  id,
  label,
  error,
  hint,
  ...input
}: { id: string; label: string; error?: string; hint?: string } & ComponentProps<"input">) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <Described id={id} hint={hint} error={error} />
      <input
        id={id}
        name={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`mt-1 block w-full max-w-md rounded border-2 px-3 py-2 ${error ? "border-nhs-red" : "border-ink"}`}
        {...input}
      />
    </div>
  );
}

const buttonStyles = {
  primary: "bg-nhs-green text-white hover:bg-[#00662f]",
  secondary: "bg-white text-nhs-blue border-2 border-nhs-blue hover:bg-blue-50",
  danger: "bg-nhs-red text-white hover:bg-[#aa2016]",
};

export function Button({ variant = "primary", className = "", ...props }: { variant?: keyof typeof buttonStyles } & ComponentProps<"button">) {
  return (
    <button
      className={`inline-flex min-h-11 items-center rounded px-4 py-2 font-semibold disabled:opacity-60 ${buttonStyles[variant]} ${className}`}
      {...props}
    />
  );
}

export function ButtonLink({ href, children, variant = "secondary" }: { href: string; children: ReactNode; variant?: keyof typeof buttonStyles }) {
  return (
    <Link href={href} className={`inline-flex min-h-11 items-center rounded px-4 py-2 font-semibold no-underline ${buttonStyles[variant]}`}>
      {children}
    </Link>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="mb-6 border-l-8 border-nhs-blue bg-blue-50 p-4">
      {children}
    </div>
  );
}

/** A table's column headings in one row; a heading may be a node, such as a visually hidden "Actions". */
export function ColumnHeads({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <thead>
      <tr className="border-b-2 border-ink">
        {columns.map((column, index) => (
          <th key={index} scope="col" className="p-2">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
