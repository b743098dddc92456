import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { isoDate } from "@/lib/analytics/periods";
import { assertCanEditTeam, canEditTeam, visibleWard } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { BadRequestError, NotFoundError } from "@/lib/errors";
import { londonDateOf } from "@/lib/survey/london-date";
import type { QueueReport } from "./queue";
import type { SurveyFormat } from "@/lib/survey/instrument";

// Ward tablets: a tablet in the day room, enrolled to one ward, on which service users without a
// phone of their own answer the survey (the kiosk at /k). A project lead of the ward (or an admin)
// makes a one-time link on the ward's page; opening it on the tablet gives the tablet a random
// credential, kept there as a cookie, of which the server keeps only the hash. The credential
// says which ward the tablet serves and lets it send answers dated the day they were given (it may
// have been offline); no response ever records which tablet it came from.

/** How long an enrolment link works after it is made. */
export const ENROLMENT_MINUTES = 15;

/** The tablet's credential: an HttpOnly cookie sent to the kiosk pages and the survey API. */
export const TABLET_COOKIE = "wardsafe_tablet";

/** The cookie lives as long as browsers allow (400 days); revoking is how a tablet stops. */
export const TABLET_COOKIE_MAX_AGE_SECONDS = 400 * 86_400;

const hash = (secret: string) => createHash("sha256").update(secret).digest("hex");
const newSecret = () => randomBytes(32).toString("base64url");

export const tabletNameSchema = z
  .string({ error: "Give the tablet a name" })
  .trim()
  .min(1, "Give the tablet a name, such as Day room tablet")
  .max(60, "A tablet's name is at most 60 characters");

export const enrolTabletSchema = z.object({ wardId: z.string().trim().min(1, "Choose a ward"), name: tabletNameSchema });
export const revokeTabletSchema = z.object({ wardId: z.string().trim().min(1, "Choose a ward"), tabletId: z.uuid({ error: "Choose a tablet" }) });

export type EnrolmentLink = { token: string; expiresAt: Date; tabletName: string };

/** A one-time link for a tablet to enrol to this ward: for the ward's project leads and admins. */
export async function startEnrolment(actor: Actor, input: z.input<typeof enrolTabletSchema>, now = new Date()): Promise<EnrolmentLink> {
  const { wardId, name } = enrolTabletSchema.parse(input);
  const ward = await visibleWard(actor, { id: wardId });
  assertCanEditTeam(actor, ward.teamId);
  if (!ward.active) throw new BadRequestError("This ward's survey is closed, so it cannot have a tablet", { name: "The ward's survey is closed" });
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + ENROLMENT_MINUTES * 60_000);
  await db().$transaction(async (tx) => {
    const link = await tx.tabletEnrolment.create({
      data: { wardId: ward.id, tabletName: name, tokenHash: hash(token), createdByEmail: actor.email, expiresAt },
    });
    await recordAudit(
      { actorId: actor.id, actorEmail: actor.email, action: "tablet.enrolment-link", entityType: "ward", entityId: ward.id, after: { ward: ward.name, tablet: name, link: link.id, expiresAt: expiresAt.toISOString() } },
      tx,
    );
  });
  return { token, expiresAt, tabletName: name };
}

export type PendingEnrolment = { wardName: string; tabletName: string };

/** What an enrolment link is for, if it can still be used (for the page that asks to confirm). */
export async function pendingEnrolment(token: string, now = new Date()): Promise<PendingEnrolment | null> {
  const link = await db().tabletEnrolment.findUnique({ where: { tokenHash: hash(token) }, include: { ward: true } });
  if (!link || link.usedAt || link.expiresAt <= now || !link.ward.active) return null;
  return { wardName: link.ward.name, tabletName: link.tabletName };
}

/**
 * Uses the link (once: two tablets opening it at the same moment cannot both enrol) and returns
 * the new tablet's credential, to be stored on it; null when the link is unknown, used or expired.
 */
export async function completeEnrolment(token: string, now = new Date()): Promise<{ credential: string; wardName: string } | null> {
  const credential = newSecret();
  return db().$transaction(async (tx) => {
    const taken = await tx.tabletEnrolment.updateManyAndReturn({
      where: { tokenHash: hash(token), usedAt: null, expiresAt: { gt: now }, ward: { active: true } },
      data: { usedAt: now },
      include: { ward: true },
    });
    const link = taken[0];
    if (!link) return null;
    const tablet = await tx.wardTablet.create({
      data: {
        wardId: link.wardId,
        name: link.tabletName,
        credentialHash: hash(credential),
        enrolledByEmail: link.createdByEmail,
        enrolledOn: new Date(`${londonDateOf(now)}T00:00:00Z`),
        lastSeenOn: new Date(`${londonDateOf(now)}T00:00:00Z`),
      },
    });
    // The tablet, not a person, did this: the audit names who made the link.
    await recordAudit(
      { action: "tablet.enrol", entityType: "ward", entityId: link.wardId, after: { ward: link.ward.name, tablet: tablet.name, tabletId: tablet.id, linkMadeBy: link.createdByEmail } },
      tx,
    );
    return { credential, wardName: link.ward.name };
  });
}

export type TabletWard = { tabletId: string; wardId: string; wardName: string; surveyCode: string; charterContact: string; active: boolean; surveyFormat: SurveyFormat };

/** The enrolled, unrevoked tablet holding this credential, and its ward; null for anything else. */
export async function tabletByCredential(credential: string | undefined | null): Promise<TabletWard | null> {
  if (!credential || credential.length > 200) return null;
  const tablet = await db().wardTablet.findUnique({ where: { credentialHash: hash(credential) }, include: { ward: true } });
  if (!tablet || tablet.revokedAt) return null;
  return {
    tabletId: tablet.id,
    wardId: tablet.wardId,
    wardName: tablet.ward.name,
    surveyCode: tablet.ward.surveyCode,
    charterContact: tablet.ward.charterContact,
    active: tablet.ward.active,
    surveyFormat: tablet.ward.surveyFormat === "EASY_READ" ? "easy-read" : "standard",
  };
}

/** The credential in a request's cookies, if any. */
export function tabletCredentialOf(headers: Headers): string | null {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  for (const part of cookie.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === TABLET_COOKIE) return decodeURIComponent(value.join("="));
  }
  return null;
}

export const queueReportSchema = z.strictObject({
  waiting: z.number({ error: "waiting must be a whole number" }).int("waiting must be a whole number").min(0, "waiting cannot be negative").max(1_000_000, "waiting is too large"),
  oldestOn: z.iso.date({ error: "oldestOn must be a date as YYYY-MM-DD" }).nullable(),
});

/** The tablet was seen today (a date, never a time), with this many answers waiting on it (null: not reported this time). */
export async function recordQueueReport(tabletId: string, report: QueueReport | null, now = new Date()): Promise<void> {
  const today = londonDateOf(now);
  const queue = report
    ? { waitingAnswers: report.waiting, oldestWaitingOn: report.waiting > 0 && report.oldestOn ? new Date(`${report.oldestOn}T00:00:00Z`) : null }
    : {};
  await db().wardTablet.update({ where: { id: tabletId }, data: { lastSeenOn: new Date(`${today}T00:00:00Z`), ...queue } });
}

export type TabletRow = {
  id: string;
  name: string;
  enrolledBy: string;
  enrolledOn: string;
  lastSeenOn: string | null;
  waiting: number;
  oldestWaitingOn: string | null;
};

export type WardTablets = { canManage: boolean; tablets: TabletRow[] };

/** The ward's enrolled tablets (revoked ones are gone from the list; the audit log keeps them). */
export async function listTablets(actor: Actor, wardId: string): Promise<WardTablets> {
  const ward = await visibleWard(actor, { id: wardId });
  const tablets = await db().wardTablet.findMany({ where: { wardId: ward.id, revokedAt: null }, orderBy: [{ enrolledOn: "asc" }, { name: "asc" }] });
  return {
    canManage: canEditTeam(actor, ward.teamId),
    tablets: tablets.map((t) => ({
      id: t.id,
      name: t.name,
      enrolledBy: t.enrolledByEmail,
      enrolledOn: isoDate(t.enrolledOn),
      lastSeenOn: t.lastSeenOn ? isoDate(t.lastSeenOn) : null,
      waiting: t.waitingAnswers,
      oldestWaitingOn: t.oldestWaitingOn ? isoDate(t.oldestWaitingOn) : null,
    })),
  };
}

/** Stops a tablet: its credential no longer opens the kiosk or sends answers. Audited. */
export async function revokeTablet(actor: Actor, input: z.input<typeof revokeTabletSchema>, now = new Date()): Promise<{ name: string; waiting: number }> {
  const { wardId, tabletId } = revokeTabletSchema.parse(input);
  const ward = await visibleWard(actor, { id: wardId });
  assertCanEditTeam(actor, ward.teamId);
  return db().$transaction(async (tx) => {
    const revoked = await tx.wardTablet.updateManyAndReturn({ where: { id: tabletId, wardId: ward.id, revokedAt: null }, data: { revokedAt: now } });
    const tablet = revoked[0];
    if (!tablet) throw new NotFoundError("This tablet is not enrolled to this ward, or it has been revoked already.");
    await recordAudit(
      { actorId: actor.id, actorEmail: actor.email, action: "tablet.revoke", entityType: "ward", entityId: ward.id, after: { ward: ward.name, tablet: tablet.name, tabletId: tablet.id, waitingAnswers: tablet.waitingAnswers } },
      tx,
    );
    return { name: tablet.name, waiting: tablet.waitingAnswers };
  });
}

