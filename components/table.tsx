import { isValidElement, type ReactElement, type ReactNode } from "react";

// Tables: one heading row from data, so every table's headings are column headings (scope="col")
// with numbers right-aligned under a right-aligned heading.

/** A column heading: its words (or a node, such as a visually hidden "Actions"), and whether it holds numbers. */
export type Column = string | ReactElement | { label: ReactNode; numeric?: boolean };

const isPlain = (column: Column): column is string | ReactElement => typeof column === "string" || isValidElement(column);
const labelOf = (column: Column): ReactNode => (isPlain(column) ? column : column.label);
const isNumeric = (column: Column): boolean => !isPlain(column) && column.numeric === true;

/** A table's column headings in one row. */
export function ColumnHeads({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr className="border-b-2 border-ink text-left">
        {columns.map((column, index) => (
          <th key={index} scope="col" className={isNumeric(column) ? "p-2 text-right" : "p-2"}>
            {labelOf(column)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A plain data table with a caption for screen readers (sighted readers have the section's heading). */
export function Table({ caption, columns, children }: { caption: string; columns: readonly Column[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <ColumnHeads columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The class of an ordinary table cell. */
export const cell = "border-b border-slate-200 px-2 py-2 align-top";
