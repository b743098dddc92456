import type { ReactNode } from "react";
import { ErrorSummary } from "@/components/ui";

// The parts of plain GET forms that choose what a page shows (chart options, comparison
// filters): every choice is a form field, so it works without JavaScript and the address says it.

/** A labelled select whose options are a record of value → words. */
export function Choice<T extends string>({ id, name, label, value, options }: { id: string; name: string; label: string; value: T; options: Record<T, string> }) {
  return (
    <FilterSelect id={id} name={name} label={label} value={value}>
      <Options options={options} />
    </FilterSelect>
  );
}

/** A labelled select with options of its own (`<option>` children). */
export function FilterSelect({ id, name, label, value, children }: { id: string; name: string; label: string; value: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className="mt-1 block min-h-11 max-w-xs rounded border-2 border-ink bg-white px-2">
        {children}
      </select>
    </div>
  );
}

export function Options<T extends string>({ options }: { options: Record<T, string> }) {
  return (
    <>
      {(Object.entries(options) as [T, string][]).map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </>
  );
}

export function DateInput({ id, name, label, value }: { id: string; name: string; label: string; value: string | undefined }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <input id={id} name={name} type="date" defaultValue={value ?? ""} className="mt-1 block min-h-11 rounded border-2 border-ink px-2" />
    </div>
  );
}

/** A short whole-number input (chart baseline points). */
export function NumberInput({ id, name, label, value }: { id: string; name: string; label: string; value: number | string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <input id={id} name={name} inputMode="numeric" defaultValue={value} className="mt-1 block min-h-11 w-20 rounded border-2 border-ink px-2" />
    </div>
  );
}

export function ApplyButton({ children = "Apply" }: { children?: ReactNode }) {
  return (
    <button type="submit" className="min-h-11 rounded bg-nhs-blue px-4 font-semibold text-white">
      {children}
    </button>
  );
}

/**
 * Choices in the address that were not valid (a mistyped or old link): listed, each linked to its
 * field in the form (ids `${prefix}-${name}`), while the page shows the defaults instead.
 */
export function InvalidChoices({ errors, prefix, what = "choices" }: { errors: Record<string, string> | null; prefix: string; what?: string }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <ErrorSummary
      error={`Some ${what} were not valid, so their defaults are shown`}
      fields={Object.fromEntries(Object.entries(errors).map(([name, message]) => [`${prefix}-${name}`, message]))}
    />
  );
}

/** A labelled select of records (trusts, statuses, actions…) with a first choice meaning "any". */
export function PickOne({ id, name, label, value, any, options }: { id: string; name: string; label: string; value: string | null | undefined; any: string; options: readonly { value: string; label: string }[] }) {
  return (
    <FilterSelect id={id} name={name} label={label} value={value ?? ""}>
      <option value="">{any}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </FilterSelect>
  );
}
