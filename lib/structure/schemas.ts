import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { BadRequestError } from "@/lib/errors";
import { fieldErrors } from "@/lib/http/fields";

// What an administrator may type into the structure forms, as zod schemas the actions and the
// services share, and the one way a failed parse becomes field errors.

export const PROBLEM = "There is a problem";

const NAME_MAX = 120;
const CHARTER_MAX = 2000;
const PERCENT_MESSAGE = "Enter the target as a whole number from 1 to 100, or leave it blank";

/** Names as people type them: surrounding and repeated spaces are not part of the name. */
const nameSchema = (what: string) =>
  z
    .string({ error: `Enter the ${what}'s name` })
    .overwrite((s) => s.replace(/\s+/g, " ").trim())
    .min(1, `Enter the ${what}'s name`)
    .max(NAME_MAX, `Use at most ${NAME_MAX} characters`);

const idSchema = (what: string) => z.string({ error: `Choose a ${what}` }).min(1, `Choose a ${what}`);

/** A form's "no team" option posts "", which means none. */
const optionalIdSchema = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().nullable());

const percentSchema = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v.trim()) : v),
  z.number({ error: PERCENT_MESSAGE }).int(PERCENT_MESSAGE).min(1, PERCENT_MESSAGE).max(100, PERCENT_MESSAGE).nullable(),
);

const activeSchema = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ error: "Say whether it is active" }));

const charterSchema = z
  .string({ error: "Enter the charter contact as text" })
  .overwrite((s) => s.replace(/\r\n?/g, "\n").trim())
  .max(CHARTER_MAX, `Use at most ${CHARTER_MAX.toLocaleString("en-GB")} characters`);

export const teamIdsSchema = z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().min(1)));

export const createTrustSchema = z.object({ name: nameSchema("trust") });
export const renameTrustSchema = z.object({ trustId: idSchema("trust"), name: nameSchema("trust") });
export const setTrustActiveSchema = z.object({ trustId: idSchema("trust"), active: activeSchema });
export const createWardSchema = z.object({
  trustId: idSchema("trust"),
  name: nameSchema("ward"),
  teamId: optionalIdSchema.default(null),
  charterContact: charterSchema.default(""),
});
/** The wording a ward's survey and kiosk open in (a person can still pick the other). */
export const WARD_SURVEY_FORMATS = ["STANDARD", "EASY_READ"] as const;
export const updateWardSchema = z.object({
  wardId: idSchema("ward"),
  name: nameSchema("ward"),
  teamId: optionalIdSchema,
  charterContact: charterSchema,
  /** Left out: unchanged. */
  surveyFormat: z.enum(WARD_SURVEY_FORMATS, { error: "Choose standard or easy read" }).optional(),
});
export const setWardActiveSchema = z.object({ wardId: idSchema("ward"), active: activeSchema });
export const rotateWardCodeSchema = z.object({ wardId: idSchema("ward") });
export const createTeamSchema = z.object({ trustId: idSchema("trust"), name: nameSchema("project team"), targetPercent: percentSchema.default(null) });
export const updateTeamSchema = z.object({ teamId: idSchema("project team"), name: nameSchema("project team"), targetPercent: percentSchema });
export const setTeamActiveSchema = z.object({ teamId: idSchema("project team"), active: activeSchema });
export const teamWardSchema = z.object({ teamId: idSchema("project team"), wardId: idSchema("ward") });
export const teamMemberSchema = z.object({ teamId: idSchema("project team"), userId: idSchema("user") });
export const setUserRoleSchema = z.object({ userId: idSchema("user"), role: z.enum(ROLES, { error: "Choose a role" }) });
export const setUserActiveSchema = z.object({ userId: idSchema("user"), active: activeSchema });
export const setUserTeamsSchema = z.object({ userId: idSchema("user"), teamIds: teamIdsSchema });

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new BadRequestError(PROBLEM, fieldErrors(result.error));
  return result.data;
}

export function problem(fields: Record<string, string>): BadRequestError {
  return new BadRequestError(PROBLEM, fields);
}
