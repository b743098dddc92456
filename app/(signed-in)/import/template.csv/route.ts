import { TEMPLATE_CSV } from "@/lib/import/rows";

// The CSV import's template: the header line and three example lines (replace the ward code with
// your ward's survey code). Holds no data, so it needs no sign-in.

export const dynamic = "force-static";

export function GET() {
  return new Response(TEMPLATE_CSV, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="wardsafe-import-template.csv"',
    },
  });
}
