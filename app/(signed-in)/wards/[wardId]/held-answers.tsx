import { z } from "zod";
import { formatLongDate } from "@/lib/analytics/periods";
import type { HeldAnswers } from "@/lib/survey/held";
import { Table, cell } from "@/components/table";
import { Notice, Section, TextLink } from "@/components/ui";
import { HeldReviewForm } from "./held-review-forms";

// The ward page's "Answers held for review": counts per day only, with Release and Discard for
// the ward's project leads and admins. Discarding asks first (a link to ?discard=<day>, so it
// works without JavaScript); releasing does not, since it only counts what the survey took.

const reviewedSchema = z.object({
  reviewed: z.enum(["released", "discarded"]),
  day: z.iso.date(),
  answers: z.coerce.number().int().min(1).max(1_000_000),
});

const answersWord = (n: number) => (n === 1 ? "1 answer" : `${n} answers`);

/** What the last release or discard did, from the address the action sent the page to. */
export function reviewedMessage(search: Record<string, string | string[] | undefined>): string | null {
  const parsed = reviewedSchema.safeParse(search);
  if (!parsed.success) return null;
  const { reviewed, day, answers } = parsed.data;
  return reviewed === "released"
    ? `${answersWord(answers)} from ${formatLongDate(day)} released: they now count in the run chart.`
    : `${answersWord(answers)} from ${formatLongDate(day)} discarded: they will never be counted.`;
}

export function HeldAnswersSection({ wardId, path, held, confirmDay, message }: { wardId: string; path: string; held: HeldAnswers; confirmDay?: string; message: string | null }) {
  const askedDay = z.iso.date().safeParse(confirmDay).data;
  if (held.total === 0 && !message && !askedDay) return null;
  const confirming = held.canReview ? held.days.find((d) => d.day === askedDay) : undefined;
  // The day asked about has none left: someone reviewed them in the meantime (or this press did).
  const gone = askedDay && !confirming && !message ? `No answers from ${formatLongDate(askedDay)} are held now: they may have been reviewed already.` : null;
  return (
    <Section
      id="held-answers"
      title="Answers held for review"
      description={
        <p>
          More answers than the survey&apos;s limit came for this ward from one network in a short time. They are kept but counted nowhere
          until {held.canReview ? "you release" : "a project lead of the ward releases"} them. On a ward where everyone shares one Wi-Fi they are
          usually real: release them unless you know they were made up.
        </p>
      }
    >
      {message ? <Notice>{message}</Notice> : null}
      {gone ? <Notice>{gone}</Notice> : null}
      {confirming ? (
        <div role="alertdialog" aria-labelledby="discard-heading" className="mb-6 border-l-8 border-nhs-red bg-red-50 p-4">
          <h3 id="discard-heading" className="mb-2 text-lg font-bold">
            Discard {answersWord(confirming.answers)} from {confirming.label}?
          </h3>
          <p className="mb-3">They are deleted and will never be counted. This cannot be undone.</p>
          <div className="flex flex-wrap items-center gap-4">
            <HeldReviewForm decision="discard" wardId={wardId} day={confirming.day} label={`Discard ${answersWord(confirming.answers)}`} />
            <TextLink href={`${path}#held-answers`}>Keep them</TextLink>
          </div>
        </div>
      ) : null}
      {held.total > 0 ? (
        <Table caption="Answers held for review, by day" columns={held.canReview ? ["Day", "Answers", "Review"] : ["Day", "Answers"]}>
          {held.days.map((d) => (
            <tr key={d.day}>
              <td className={cell}>{d.label}</td>
              <td className={cell}>{d.answers}</td>
              {held.canReview ? (
                <td className={cell}>
                  <div className="flex flex-wrap items-center gap-4">
                    <HeldReviewForm decision="release" wardId={wardId} day={d.day} label={`Release ${answersWord(d.answers)} from ${d.label}`} />
                    <TextLink href={`${path}?discard=${d.day}#held-answers`}>
                      Discard<span className="sr-only"> the answers from {d.label}</span>…
                    </TextLink>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      ) : null}
    </Section>
  );
}
