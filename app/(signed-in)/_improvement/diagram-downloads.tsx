"use client";

import { useState } from "react";
import { downloadBlob, svgToPng } from "@/components/svg-download";
import { Button } from "@/components/ui";

/**
 * Downloads of the driver diagram. SVG and JSON come from the API (so an analyst can fetch them
 * too); the PNG is drawn in the browser from the same SVG, because only the browser has the fonts
 * the picture is drawn with.
 */
export function DiagramDownloads({ svgHref, jsonHref, svgText, width, height, fileName }: { svgHref: string; jsonHref: string; svgText: string; width: number; height: number; fileName: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3 print:hidden">
      <a href={svgHref} download className="inline-flex min-h-11 items-center rounded border-2 border-nhs-blue bg-white px-4 py-2 font-semibold text-nhs-blue">
        Download SVG
      </a>
      <Button
        type="button"
        variant="secondary"
        onClick={() => {
          setError(null);
          svgToPng(svgText, width, height).then(
            (blob) => downloadBlob(`${fileName}.png`, blob),
            (e: Error) => setError(e.message),
          );
        }}
      >
        Download PNG
      </Button>
      <a href={jsonHref} download className="inline-flex min-h-11 items-center rounded border-2 border-nhs-blue bg-white px-4 py-2 font-semibold text-nhs-blue">
        Download JSON (to copy to another team)
      </a>
      {error ? (
        <p role="alert" className="font-semibold text-nhs-red">
          {error}
        </p>
      ) : null}
    </div>
  );
}
