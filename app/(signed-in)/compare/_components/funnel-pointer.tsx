"use client";

import { useRef, useState, type ReactNode } from "react";

// Shows the ward, its counts and its value next to the funnel plot's point under the mouse or the
// keyboard focus: one tooltip for the whole plot, rather than one hidden in every point (thousands
// at national scale). Without JavaScript each point still has its title (shown on hover) and its
// accessible name, and the same numbers are in the table under the plot.

type Tip = { lines: string[]; left: number; top: number };

export function FunnelPointer({ children }: { children: ReactNode }) {
  const host = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);

  const show = (target: EventTarget | null) => {
    const point = target instanceof Element ? target.closest<SVGAElement>("a[data-unit]") : null;
    const mark = point?.querySelector("[data-mark]");
    if (!point || !mark || !host.current) return setTip(null);
    const box = mark.getBoundingClientRect();
    const frame = host.current.getBoundingClientRect();
    const lines = [point.dataset.tipName, point.dataset.tipContext, point.dataset.tipCounts].filter((l): l is string => Boolean(l));
    const left = box.left - frame.left + box.width / 2;
    setTip({ lines, left: Math.min(Math.max(left + 14, 0), frame.width - 260 > 0 ? frame.width - 260 : 0), top: box.top - frame.top + box.height + 6 });
  };

  return (
    <div
      ref={host}
      className="relative"
      onFocus={(event) => show(event.target)}
      onBlur={() => setTip(null)}
      onMouseOver={(event) => show(event.target)}
      onMouseLeave={() => setTip(null)}
    >
      {children}
      {tip ? (
        <div
          role="tooltip"
          data-testid="funnel-tooltip"
          className="pointer-events-none absolute z-10 w-64 rounded border border-ink bg-white p-2 text-sm shadow"
          style={{ left: tip.left, top: tip.top }}
        >
          {tip.lines.map((line, i) => (
            <p key={i} className={i === 0 ? "font-bold" : undefined}>
              {line}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
