import type { ReactNode } from "react";
import type { AssuranceIcon, RunChartStatus, VariationIcon } from "@/lib/analytics";
import { STATUS_DESCRIPTIONS } from "@/lib/charts/comparison";
import { statusWords } from "@/lib/charts/labels";
import { ASSURANCE_LABELS, VARIATION_LABELS } from "@/lib/charts/spc";

// Icons for the run-chart status and the Making Data Count variation and assurance icons. Each
// icon has its own shape and letter or arrow, and always comes with its words, so none depends on
// colour. Colours reach at least 4.5:1 against white.

export const ICON_COLOURS = {
  improvement: "#005eb8",
  concern: "#a35200",
  neutral: "#425563",
} as const;

function Circle({ colour, children, hollow = false, size }: { colour: string; children: ReactNode; hollow?: boolean; size: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="inline-block shrink-0 align-middle">
      <circle cx="12" cy="12" r="10.5" fill={hollow ? "#fff" : colour} stroke={colour} strokeWidth="2" strokeDasharray={hollow ? "3 2" : undefined} />
      {children}
    </svg>
  );
}

export function StatusGlyph({ status, size = 20 }: { status: RunChartStatus; size?: number }) {
  switch (status) {
    case "improving":
      return (
        <Circle colour={ICON_COLOURS.improvement} size={size}>
          <path d="M12 5.5 L17.5 12 H14 V18 H10 V12 H6.5 Z" fill="#fff" />
        </Circle>
      );
    case "deteriorating":
      return (
        <Circle colour={ICON_COLOURS.concern} size={size}>
          <path d="M12 18.5 L17.5 12 H14 V6 H10 V12 H6.5 Z" fill="#fff" />
        </Circle>
      );
    case "no-signal":
      return (
        <Circle colour={ICON_COLOURS.neutral} size={size}>
          <rect x="6" y="10.5" width="12" height="3" fill="#fff" />
        </Circle>
      );
    case "not-enough-data":
      return (
        <Circle colour={ICON_COLOURS.neutral} size={size} hollow>
          <text x="12" y="16.5" textAnchor="middle" fontSize="13" fontWeight="700" fill={ICON_COLOURS.neutral}>
            ?
          </text>
        </Circle>
      );
  }
}

/** The run-chart status as an icon and words. */
export function StatusBadge({
  status,
  since = null,
  lastSignal = null,
  size = 20,
}: {
  status: RunChartStatus;
  since?: string | null;
  lastSignal?: { direction: "up" | "down"; from: string; to: string } | null;
  size?: number;
}) {
  return (
    <span className="inline-flex items-center gap-1.5" title={STATUS_DESCRIPTIONS[status]} data-status={status}>
      <StatusGlyph status={status} size={size} />
      <span>{statusWords(status, since, lastSignal)}</span>
    </span>
  );
}

function Letter({ children, fill = "#fff" }: { children: string; fill?: string }) {
  return (
    <text x="12" y="16.5" textAnchor="middle" fontSize="12.5" fontWeight="700" fill={fill} fontFamily="Arial, sans-serif">
      {children}
    </text>
  );
}

export function VariationGlyph({ icon, size = 36 }: { icon: VariationIcon; size?: number }) {
  switch (icon) {
    case "improvement":
      return (
        <Circle colour={ICON_COLOURS.improvement} size={size}>
          <Letter>H</Letter>
          <path d="M12 2.8 L14.2 5.6 H9.8 Z" fill="#fff" />
        </Circle>
      );
    case "concern":
      return (
        <Circle colour={ICON_COLOURS.concern} size={size}>
          <Letter>L</Letter>
          <path d="M12 21.2 L14.2 18.4 H9.8 Z" fill="#fff" />
        </Circle>
      );
    case "common-cause":
      return (
        <Circle colour={ICON_COLOURS.neutral} size={size}>
          <path d="M5.5 12 C7.5 8.5 9.5 8.5 12 12 S16.5 15.5 18.5 12" stroke="#fff" strokeWidth="2.2" fill="none" />
        </Circle>
      );
  }
}

export function AssuranceGlyph({ icon, size = 36 }: { icon: AssuranceIcon; size?: number }) {
  switch (icon) {
    case "consistently-passing":
      return (
        <Circle colour={ICON_COLOURS.improvement} size={size}>
          <Letter>P</Letter>
        </Circle>
      );
    case "consistently-failing":
      return (
        <Circle colour={ICON_COLOURS.concern} size={size}>
          <Letter>F</Letter>
        </Circle>
      );
    case "hit-and-miss":
      return (
        <Circle colour={ICON_COLOURS.neutral} size={size}>
          <Letter>?</Letter>
        </Circle>
      );
  }
}

export function VariationBadge({ icon }: { icon: VariationIcon }) {
  return (
    <span className="inline-flex items-center gap-2" data-variation={icon}>
      <VariationGlyph icon={icon} />
      <span>{VARIATION_LABELS[icon]}</span>
    </span>
  );
}

export function AssuranceBadge({ icon }: { icon: AssuranceIcon }) {
  return (
    <span className="inline-flex items-center gap-2" data-assurance={icon}>
      <AssuranceGlyph icon={icon} />
      <span>{ASSURANCE_LABELS[icon]}</span>
    </span>
  );
}
