import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";

// The shared building blocks of the signed-in pages, so every page looks and behaves the same: page
// header, notices, the error summary, buttons and button links, sections, status words, links.
// Server-safe (no hooks): forms are in form.tsx, tables in table.tsx, navigation in nav.tsx,
// GET-form filters in filters.tsx.

/** A page's title and what it is for; `back` is the way up (drawn above the title), `actions` its main buttons. */
export function PageHeader({ title, description, actions, back }: { title: string; description?: ReactNode; actions?: ReactNode; back?: { href: string; label: string } }) {
  return (
    <>
      {back ? (
        <p className="mb-2 print:hidden">
          <TextLink href={back.href}>{back.label}</TextLink>
        </p>
      ) : null}
      <PageTitle title={title} description={description} actions={actions} />
    </>
  );
}

function PageTitle({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
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

export function Section({ id, title, children, description }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-8 rounded border border-slate-300 bg-white p-6">
      <h2 id={id} className="mb-2 text-xl font-bold">
        {title}
      </h2>
      {description ? <div className="mb-4 text-muted">{description}</div> : null}
      {children}
    </section>
  );
}

export function Status({ active, inactiveLabel = "Deactivated" }: { active: boolean; inactiveLabel?: string }) {
  return active ? (
    <span className="font-semibold text-nhs-green">Active</span>
  ) : (
    <span className="font-semibold text-muted">{inactiveLabel}</span>
  );
}

export function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="text-nhs-blue underline">
      {children}
    </Link>
  );
}
