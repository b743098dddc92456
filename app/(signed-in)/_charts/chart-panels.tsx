import Link from "next/link";
import { ApplyButton, Choice, DateInput, NumberInput } from "@/components/filters";
import type { ReactNode } from "react";
import { AddNoteForm, AddPhaseForm, EditNoteForm, RemovePhaseForm, SuggestedPhaseForm } from "./chart-forms";
import type { PhaseSuggestion } from "@/lib/analytics";
import { formatLongDate } from "@/lib/analytics/periods";
import { CHANNEL_LABELS, NOTE_KIND_WORDS, CHART_COLOURS, INTERVAL_LABELS, MEASURE_LABELS, RESPONDENT_LABELS, RULE_SET_LABELS } from "@/lib/charts/labels";
import type { ChartNote, ChartCycle, PhaseRecord } from "@/lib/charts/run-chart-service";
import type { ChartOptions } from "@/lib/charts/query";
import { DECISION_WORDS } from "@/lib/improvement/pdsa";

// Server-rendered parts of the chart pages: the chart options form (plain GET, so every choice is
// a link and works without JavaScript), the numbered list of notes and the list of phases, with
// the editing forms for those who may change the chart.

type Heading = 2 | 3 | 4;

function H({ level, children, className = "text-lg font-bold" }: { level: Heading; children: ReactNode; className?: string }) {
  const Tag = `h${level}` as "h2";
  return <Tag className={className}>{children}</Tag>;
}

/** The chart's options as search parameters, for links (CSV export, per-ward charts). */
export function chartSearch(options: ChartOptions, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  params.set("measure", options.measure);
  params.set("respondent", options.respondent);
  if (options.channel !== "all") params.set("channel", options.channel);
  params.set("interval", options.interval);
  params.set("rules", options.rules);
  params.set("baseline", String(options.baseline));
  if (options.from) params.set("from", options.from);
  if (options.to) params.set("to", options.to);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

export function ChartControls({ path, options }: { path: string; options: ChartOptions }) {
  return (
    <form method="get" action={path} className="mb-4 rounded border border-slate-300 bg-white p-4" aria-label="Chart options">
      <div className="flex flex-wrap items-end gap-4">
        <Choice id="chart-measure" name="measure" label="Measure" value={options.measure} options={MEASURE_LABELS} />
        <Choice id="chart-respondent" name="respondent" label="Respondents" value={options.respondent} options={RESPONDENT_LABELS} />
        <Choice id="chart-channel" name="channel" label="Channel" value={options.channel} options={CHANNEL_LABELS} />
        <Choice id="chart-interval" name="interval" label="Period" value={options.interval} options={INTERVAL_LABELS} />
        <Choice id="chart-rules" name="rules" label="Rules" value={options.rules} options={RULE_SET_LABELS} />
        <DateInput id="chart-from" name="from" label="From" value={options.from} />
        <DateInput id="chart-to" name="to" label="To" value={options.to} />
        <NumberInput id="chart-baseline" name="baseline" label="Baseline points" value={options.baseline} />
        <ApplyButton>Update chart</ApplyButton>
      </div>
    </form>
  );
}

export function NoteList({
  notes,
  canEdit,
  path,
  chart,
  level = 3,
}: {
  notes: ChartNote[];
  canEdit: boolean;
  path: string;
  chart: string;
  level?: Heading;
}) {
  return (
    <section className="mt-8" aria-label="Notes on the chart">
      <H level={level}>Notes on the chart</H>
      {notes.length === 0 ? (
        <p className="mt-2">No notes in this period.</p>
      ) : (
        <ol className="mt-2 space-y-3">
          {notes.map((a, i) => (
            <li key={a.id} className="rounded border border-slate-300 bg-white p-3" data-testid="note">
              <p>
                <span className="mr-2 inline-block rounded px-1.5 text-sm font-bold text-white" style={{ background: CHART_COLOURS[a.kind] }}>
                  {a.kind === "astronomical" ? `!${i + 1}` : i + 1}
                </span>
                <strong>{formatLongDate(a.date)}</strong> · {NOTE_KIND_WORDS[a.kind]}
                {a.teamNote ? <span className="ml-2 rounded bg-slate-100 px-1 text-sm font-semibold">Team note</span> : null}
              </p>
              <p className="mt-1 whitespace-pre-line">{a.text}</p>
              {a.teamNote ? (
                <p className="mt-1 text-sm text-muted">Added to the project team&apos;s chart, which shows it for every ward of the team; change it there.</p>
              ) : canEdit ? (
                <EditNoteForm note={a} number={i + 1} path={path} />
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {canEdit ? (
        <div className="mt-4">
          <H level={(level + 1) as Heading} className="mb-2 font-bold">
            Add a note
          </H>
          <AddNoteForm chart={chart} path={path} />
        </div>
      ) : null}
    </section>
  );
}

/** The PDSA cycles drawn on the chart, each linked to its page (and the chart's span links back here). */
export function CycleList({ cycles, canEdit, teamId, level = 3 }: { cycles: ChartCycle[]; canEdit: boolean; teamId: string | null; level?: Heading }) {
  return (
    <section className="mt-8" aria-label="PDSA cycles on the chart">
      <H level={level}>PDSA cycles on the chart</H>
      {cycles.length === 0 ? (
        <p className="mt-2">No PDSA cycles in this period.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {cycles.map((c) => (
            <li key={c.id} id={`cycle-${c.id}`} className="rounded border border-slate-300 bg-white p-3" data-testid="cycle">
              <span className="mr-2 inline-block rounded px-1.5 text-sm font-bold" style={{ background: CHART_COLOURS.cycle, color: "#212b32" }}>
                PDSA {c.number}
              </span>
              <Link href={`/teams/${c.teamId}/pdsa/${c.id}`} className="font-semibold text-nhs-blue underline">
                {c.changeIdea}
              </Link>
              <span className="ml-2">
                {formatLongDate(c.start)} to {c.end ? formatLongDate(c.end) : "now (running)"}
                {c.ward ? ` · ${c.ward}` : ""}
                {c.decision ? ` · ${DECISION_WORDS[c.decision]}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && teamId ? (
        <p className="mt-3">
          <Link href={`/teams/${teamId}/pdsa`} className="text-nhs-blue underline">
            Plan or record a PDSA cycle
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export function PhaseList({
  records,
  canEdit,
  path,
  chart,
  suggestion = null,
  level = 3,
}: {
  records: PhaseRecord[];
  canEdit: boolean;
  path: string;
  chart: string;
  /** A sustained shift running now: offered as a new phase to those who may change the chart. */
  suggestion?: PhaseSuggestion | null;
  level?: Heading;
}) {
  return (
    <section className="mt-8" aria-label="Phases">
      <H level={level}>Phases</H>
      {canEdit && suggestion ? (
        <div className="mt-2 rounded border-l-4 border-nhs-blue bg-white p-3" data-testid="phase-suggestion">
          <p>
            This looks like a sustained change: a shift {suggestion.direction === "up" ? "upwards" : "downwards"} over {suggestion.points} points is
            still running. Start a new phase from {formatLongDate(suggestion.startDate)}?
          </p>
          <SuggestedPhaseForm
            chart={chart}
            path={path}
            startDate={suggestion.startDate}
            reason={`Sustained shift ${suggestion.direction === "up" ? "upwards" : "downwards"} over ${suggestion.points} points from ${formatLongDate(suggestion.startDate)}.`}
            label={`Start a new phase from ${formatLongDate(suggestion.startDate)}`}
          />
        </div>
      ) : null}
      <p className="mt-1 text-sm text-muted">
        Start a new phase after a sustained change: from that date the chart takes a new baseline and median. Removing a phase restores the
        analysis without it.
      </p>
      {records.length === 0 ? (
        <p className="mt-2">One phase: the median comes from the first baseline points of the data.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {records.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-3 rounded border border-slate-300 bg-white p-3" data-testid="phase">
              <span>
                <strong>New phase from {formatLongDate(r.startDate)}</strong>: {r.reason}
              </span>
              {canEdit ? <RemovePhaseForm id={r.id} path={path} label={`Remove the phase from ${formatLongDate(r.startDate)}`} /> : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <div className="mt-4">
          <H level={(level + 1) as Heading} className="mb-2 font-bold">
            Start a new phase
          </H>
          <AddPhaseForm chart={chart} path={path} />
        </div>
      ) : null}
    </section>
  );
}
