"use client";

import { importDiagramAction } from "./actions";
import { ActionForm, Field, Select, useFormAction } from "@/components/form";
import { Button } from "@/components/ui";

// Imports a driver diagram file (format wardsafe-driver-diagram) into the team: add, or replace.

export function ImportDiagramForm({ teamId, path, empty }: { teamId: string; path: string; empty: boolean }) {
  const prefix = "import";
  const f = useFormAction(importDiagramAction, prefix);
  return (
    <ActionForm form={f} label="Import a driver diagram" hidden={{ teamId, path }}>
      <Field
        {...f.bind("file")}
        type="file"
        accept="application/json,.json"
        label="Driver diagram file (.json)"
        hint="A file downloaded with “Download JSON” from any team's driver diagram."
      />
      <Select
        {...f.bind("mode", "add")}
        label="What to do with this team's diagram"
        options={[
        { value: "add", label: empty ? "Add the file's boxes (the diagram is empty)" : "Add the file's boxes after this diagram's" },
        { value: "replace", label: "Replace this diagram with the file's (only while no PDSA cycles have been recorded)" },
        ]}
      />
      <div className="mb-3 flex items-start gap-2">
        <input type="checkbox" id={`${prefix}-keepStatuses`} name="keepStatuses" value="true" className="mt-1 size-5 accent-nhs-blue" />
        <label htmlFor={`${prefix}-keepStatuses`}>Keep the change ideas&apos; statuses from the file (otherwise each starts as an idea)</label>
      </div>
      <div className="mb-4 flex items-start gap-2">
        <input type="checkbox" id={`${prefix}-takeAim`} name="takeAim" value="true" className="mt-1 size-5 accent-nhs-blue" />
        <label htmlFor={`${prefix}-takeAim`}>Also use the file&apos;s aim statement, target and date</label>
      </div>
      <Button type="submit" disabled={f.pending}>
        Import
      </Button>
    </ActionForm>
  );
}
