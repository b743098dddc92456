import type { PrismaClient } from "@/generated/prisma/client";
import { londonDateOf } from "@/lib/survey/london-date";
import { newWardCode } from "@/lib/survey/ward-code";

// The demo collaborative: a few trusts, wards and project teams with about a year of responses,
// so that someone trying Wardsafe sees real-looking run charts straight away. Deterministic (a
// seeded generator) so screenshots and demos look the same every time.

/** easyRead: a learning-disability service, whose survey opens in easy read. */
type DemoWard = { name: string; charter: string; weeklyResponses: number; startSafe: number; endSafe: number; easyRead?: boolean };
type DemoTeam = { name: string; target?: number; wards: DemoWard[] };
type DemoTrust = { name: string; teams: DemoTeam[]; unassignedWards?: DemoWard[] };

const CHARTER = (who: string, phone: string) =>
  `Speak to ${who}, or call the ward's independent advocate on ${phone}.\nYou can also ask any member of staff to contact the safeguarding team for you.`;

export const DEMO_COLLABORATIVE: DemoTrust[] = [
  {
    name: "Northbrook Mental Health NHS Foundation Trust",
    teams: [
      {
        name: "Northbrook Acute Wards",
        target: 90,
        wards: [
          { name: "Willow Ward", charter: CHARTER("the ward manager, Sam Okafor", "0161 496 0123"), weeklyResponses: 12, startSafe: 0.68, endSafe: 0.88 },
          { name: "Cedar Ward", charter: CHARTER("the ward manager, Priya Nair", "0161 496 0456"), weeklyResponses: 9, startSafe: 0.72, endSafe: 0.8 },
        ],
      },
    ],
  },
  {
    name: "Riverside Partnership NHS Trust",
    teams: [
      {
        name: "Riverside PICU and Rehab",
        target: 85,
        wards: [
          { name: "Heron PICU", charter: CHARTER("the nurse in charge", "0113 496 0789"), weeklyResponses: 7, startSafe: 0.6, endSafe: 0.75 },
          { name: "Kingfisher Rehabilitation Ward", charter: CHARTER("the ward manager", "0113 496 0321"), weeklyResponses: 6, startSafe: 0.8, endSafe: 0.82 },
        ],
      },
    ],
    unassignedWards: [
      { name: "Swallow Ward", charter: "", weeklyResponses: 3, startSafe: 0.75, endSafe: 0.75 },
    ],
  },
  {
    name: "Eastmoor Learning Disability Services NHS Trust",
    teams: [
      {
        name: "Eastmoor Assessment and Treatment",
        wards: [
          { name: "Oak Lodge", charter: CHARTER("the lodge manager", "01632 960 555"), weeklyResponses: 8, startSafe: 0.7, endSafe: 0.86, easyRead: true },
        ],
      },
    ],
  },
];

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * The first demo team's Model for Improvement work: a driver diagram like the ones teams draw for
 * sexual safety, and PDSA cycles placed where the demo data starts to improve, so the run chart
 * shows what was tested when.
 */
async function seedDemoImprovement(tx: Tx, teamId: string, today: Date): Promise<void> {
  const weeksAgo = (w: number) => new Date(`${londonDateOf(new Date(today.getTime() - w * 7 * DAY_MS))}T00:00:00Z`);
  await tx.projectTeam.update({ where: { id: teamId }, data: { targetDate: weeksAgo(-26) } });
  const box = async (kind: "PRIMARY" | "SECONDARY" | "CHANGE_IDEA", position: number, text: string, parents: string[] = [], status?: "IDEA" | "TESTING" | "ADOPTED" | "ADAPTED" | "ABANDONED") =>
    (
      await tx.driverBox.create({
        data: { teamId, kind, position, text, status: kind === "CHANGE_IDEA" ? (status ?? "IDEA") : null, parentLinks: { create: parents.map((parentId) => ({ parentId })) } },
      })
    ).id;
  const p1 = await box("PRIMARY", 0, "Everyone knows what sexual safety means on the ward and how to raise a concern");
  const p2 = await box("PRIMARY", 1, "Staff notice and respond early to unwanted sexual behaviour");
  const p3 = await box("PRIMARY", 2, "The ward environment protects privacy");
  const s1 = await box("SECONDARY", 0, "Sexual safety is talked about at admission and in community meetings", [p1]);
  const s2 = await box("SECONDARY", 1, "Clear, visible ways to report concerns, including anonymously", [p1, p2]);
  const s3 = await box("SECONDARY", 2, "Staff are confident to recognise and challenge sexual harassment", [p2]);
  const s4 = await box("SECONDARY", 3, "Safety huddles review incidents and near misses", [p2]);
  const s5 = await box("SECONDARY", 4, "Single-sex spaces and bathrooms are kept and checked", [p3]);
  const poster = await box("CHANGE_IDEA", 0, "Sexual safety charter poster in every bedroom and the day room", [s1, s2], "ADOPTED");
  const meeting = await box("CHANGE_IDEA", 1, "Sexual safety item on the weekly community meeting agenda", [s1], "TESTING");
  const huddle = await box("CHANGE_IDEA", 2, "Daily huddle question: is anyone feeling unsafe?", [s4, s3], "TESTING");
  await box("CHANGE_IDEA", 3, "Sexual safety e-learning for all ward staff", [s3], "IDEA");
  await box("CHANGE_IDEA", 4, "Night-time checks of the female-only lounge", [s5], "ABANDONED");
  const cycle = (changeIdeaId: string, number: number, start: number, end: number | null, fields: { planWhat: string; prediction: string; doNotes?: string; studyNotes?: string; actDecision?: "ADOPT" | "ADAPT" | "ABANDON"; actNotes?: string }) =>
    tx.pdsaCycle.create({ data: { teamId, changeIdeaId, number, startDate: weeksAgo(start), endDate: end === null ? null : weeksAgo(end), planWho: "Ward manager and two healthcare assistants", ...fields } });
  await cycle(poster, 1, 30, 26, {
    planWhat: "Put the charter poster up in the day room and on two bedroom doors on Willow Ward.",
    prediction: "Patients will ask about it; the percentage feeling safe will not move yet.",
    doNotes: "Posters went up; two were taken down within a week.",
    studyNotes: "A few questions from patients; no signal on the run chart, as predicted.",
    actDecision: "ADAPT",
    actNotes: "Laminate and fix the posters; put one in every bedroom.",
  });
  await cycle(poster, 2, 24, 18, {
    planWhat: "Laminated posters in every bedroom and the day room on both wards.",
    prediction: "More people will know who to speak to; the percentage feeling safe rises above the median.",
    doNotes: "All posters stayed up. Staff used them to start conversations at admission.",
    studyNotes: "Most weeks above the median during the cycle, though not yet a shift by the rules. Patients and staff say the posters help.",
    actDecision: "ADOPT",
    actNotes: "Part of the admission checklist from now on.",
  });
  await cycle(huddle, 4, 6, 2, {
    planWhat: "Ask the question at the morning huddle on Willow Ward for four weeks.",
    prediction: "Two or three concerns raised a week; no change in the chart within four weeks.",
    doNotes: "Asked on 24 of 28 days; five concerns raised.",
  });
  await cycle(meeting, 3, 10, null, {
    planWhat: "Add sexual safety as a standing item at the Thursday community meeting.",
    prediction: "Patients will raise concerns in the meeting; more staff responses to the survey.",
  });
}

/** mulberry32: a small seeded generator so the demo data (and the benchmarks' data) is the same on every machine. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;

export type SeedResult = { created: boolean; wards: { name: string; surveyCode: string }[] };

export type DemoUser = { email: string; name: string; role: "ADMIN" | "QI_COACH" | "PROJECT_LEAD"; password: string };

/**
 * One user per role for trying the app: the admin, a QI coach, and a project lead of the first
 * demo team. Passwords are random per installation and returned for `npm start` to print; the
 * embedded demo is their only home (a DATABASE_URL server gets them only with --demo).
 */
export async function seedDemoUsers(prisma: PrismaClient, makePassword: () => string, hash: (p: string) => Promise<string>): Promise<DemoUser[] | null> {
  if (await prisma.user.findFirst({ where: { email: "admin@demo.wardsafe.example" } })) return null;
  const firstTeam = await prisma.projectTeam.findFirst({ where: { name: DEMO_COLLABORATIVE[0]!.teams[0]!.name } });
  const users: DemoUser[] = [
    { email: "admin@demo.wardsafe.example", name: "Ada Admin", role: "ADMIN", password: makePassword() },
    { email: "coach@demo.wardsafe.example", name: "Cora Coach", role: "QI_COACH", password: makePassword() },
    { email: "lead@demo.wardsafe.example", name: "Lee Lead", role: "PROJECT_LEAD", password: makePassword() },
  ];
  for (const user of users) {
    await prisma.user.create({
      data: {
        email: user.email,
        name: user.name,
        role: user.role,
        passwordHash: await hash(user.password),
        memberships: user.role === "PROJECT_LEAD" && firstTeam ? { create: [{ teamId: firstTeam.id }] } : undefined,
      },
    });
  }
  return users;
}

export const DEMO_LANGUAGES = ["cy", "pl", "ur", "ar"] as const;

export async function seedDemoCollaborative(prisma: PrismaClient, opts: { weeks?: number; today?: Date } = {}): Promise<SeedResult> {
  const existing = await prisma.trust.findFirst({ where: { name: DEMO_COLLABORATIVE[0]!.name } });
  if (existing) {
    const wards = await prisma.ward.findMany({
      where: { trust: { name: { in: DEMO_COLLABORATIVE.map((t) => t.name) } } },
      select: { name: true, surveyCode: true },
      orderBy: { name: "asc" },
    });
    return { created: false, wards };
  }
  const weeks = opts.weeks ?? 52;
  const today = opts.today ?? new Date();
  const random = seededRandom(20260105);
  const created: SeedResult["wards"] = [];
  // The demo's trusts, teams and wards date from their first day of answers, so a paper tally or an
  // import for any date the charts show is accepted as it would be on a real ward.
  const dataStart = new Date(`${londonDateOf(new Date(today.getTime() - weeks * 7 * DAY_MS))}T00:00:00Z`);

  await prisma.$transaction(async (tx) => {
    for (const trustSpec of DEMO_COLLABORATIVE) {
      const trust = await tx.trust.create({ data: { name: trustSpec.name, createdAt: dataStart } });
      const wardsToMake: { spec: DemoWard; teamId: string | null }[] = [];
      for (const teamSpec of trustSpec.teams) {
        const team = await tx.projectTeam.create({
          data: { name: teamSpec.name, trustId: trust.id, targetPercent: teamSpec.target ?? null, createdAt: dataStart },
        });
        if (teamSpec.name === DEMO_COLLABORATIVE[0]!.teams[0]!.name) await seedDemoImprovement(tx, team.id, today);
        for (const spec of teamSpec.wards) wardsToMake.push({ spec, teamId: team.id });
      }
      for (const spec of trustSpec.unassignedWards ?? []) wardsToMake.push({ spec, teamId: null });

      for (const { spec, teamId } of wardsToMake) {
        const ward = await tx.ward.create({
          data: { name: spec.name, trustId: trust.id, teamId, surveyCode: newWardCode(), charterContact: spec.charter, surveyFormat: spec.easyRead ? "EASY_READ" : "STANDARD", createdAt: dataStart },
        });
        created.push({ name: ward.name, surveyCode: ward.surveyCode });
        const rows = [];
        for (let day = weeks * 7; day >= 1; day--) {
          const progress = 1 - day / (weeks * 7);
          // Improvement starts part-way through, as it would after the team's first changes.
          const pSafe = spec.startSafe + (spec.endSafe - spec.startSafe) * Math.max(0, (progress - 0.35) / 0.65);
          const expectedToday = spec.weeklyResponses / 7;
          const count = Math.floor(expectedToday + random() * 1.999 * Math.min(1, expectedToday)) - (random() < 0.3 ? 1 : 0);
          const submittedOn = new Date(`${londonDateOf(new Date(today.getTime() - day * DAY_MS))}T00:00:00Z`);
          for (let i = 0; i < Math.max(0, count); i++) {
            const feltSafe = random() < pSafe;
            const answeredQ3 = random() < 0.85;
            rows.push({
              wardId: ward.id,
              respondent: random() < 0.6 ? ("SERVICE_USER" as const) : ("STAFF" as const),
              feltSafe,
              ableToSpeakUp: answeredQ3 ? random() < (feltSafe ? 0.85 : 0.6) : null,
              source: random() < 0.15 ? ("PAPER" as const) : ("ONLINE" as const),
              submittedOn,
            });
          }
        }
        await tx.surveyResponse.createMany({ data: rows });
        // The first team's first ward shows a lead what held answers look like: a burst from one
        // network two days ago, over the survey's limit. Fixed answers, so the other wards' random
        // stream (and so the demo's charts) stay as they were.
        if (spec === DEMO_COLLABORATIVE[0]!.teams[0]!.wards[0]) {
          const heldOn = new Date(`${londonDateOf(new Date(today.getTime() - 2 * DAY_MS))}T00:00:00Z`);
          await tx.heldResponse.createMany({
            data: Array.from({ length: 8 }, (_, i) => ({ wardId: ward.id, respondent: i % 3 === 0 ? ("STAFF" as const) : ("SERVICE_USER" as const), feltSafe: i % 4 !== 1, ableToSpeakUp: i % 2 === 0, submittedOn: heldOn })),
          });
        }
      }
    }
    // The demo offers the survey in Welsh, Polish, Urdu and Arabic (drafts, as shipped), so a new
    // user sees the language links and a right-to-left page at once.
    await tx.surveyLanguage.createMany({ data: DEMO_LANGUAGES.map((code) => ({ code, enabled: true })), skipDuplicates: true });
  }, { timeout: 120_000 });
  return { created: true, wards: created.sort((a, b) => a.name.localeCompare(b.name)) };
}
