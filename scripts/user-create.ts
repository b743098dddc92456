// npm run user:create -- --email a@b.nhs.uk --name "Ann Example" --role ADMIN
//
// Creates a user with a password, for the first administrator of a new installation (who cannot
// be invited by anyone) and for scripted set-ups. The password is typed at a prompt that does not
// echo it, or, for scripts, read from WARDSAFE_PASSWORD; never from the command line, where it
// would be left in the shell history and visible in the process list.
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { passwordSchema } from "@/lib/auth/password";
import { ROLES, type Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { createUserWithPassword, newUserSchema } from "@/lib/users";
import { env } from "@/lib/env";

const USAGE = `Usage: npm run user:create -- --email <email> --name "<full name>" --role <${ROLES.join("|")}>

Reads the database URL from DATABASE_URL. Asks for the password (twice, not shown) when run in a
terminal; otherwise reads it from the WARDSAFE_PASSWORD environment variable.`;

class UsageError extends Error {}

function promptHidden(question: string): Promise<string> {
  const { stdin, stdout } = process;
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      stdout.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          // Raw mode turns Ctrl-C into a character instead of a signal.
          finish();
          reject(new UsageError("Cancelled."));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    // Echo off before the prompt appears, so nothing typed in response to it is ever shown.
    stdin.setRawMode(true);
    stdout.write(question);
    stdin.setEncoding("utf8");
    stdin.resume();
    stdin.on("data", onData);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = env().WARDSAFE_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== "") return checkedPassword(fromEnv);
  if (!process.stdin.isTTY) {
    throw new UsageError("No password given: run this in a terminal to type it, or set WARDSAFE_PASSWORD.");
  }
  const password = checkedPassword(await promptHidden("Password (at least 12 characters, not shown): "));
  if ((await promptHidden("Type the password again: ")) !== password) throw new UsageError("The two passwords do not match.");
  return password;
}

function checkedPassword(password: string): string {
  const check = passwordSchema.safeParse(password);
  if (!check.success) throw new UsageError(`Password: ${check.error.issues[0]?.message ?? "not valid"}.`);
  return password;
}

function describeZodError(error: ZodError): string {
  const labels: Record<string, string> = { email: "Email", name: "Name", role: "Role", password: "Password" };
  return error.issues.map((issue) => `${labels[String(issue.path[0])] ?? "Password"}: ${issue.message}.`).join("\n");
}

async function main(argv: string[]): Promise<number> {
  let values: { email?: string; name?: string; role?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const missing = (["email", "name", "role"] as const).filter((key) => !values[key]);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(", ")}.\n\n${USAGE}`);

  const role = values.role!.trim().toUpperCase();
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`Unknown role "${values.role}". Use one of: ${ROLES.join(", ")}.`);
  }
  // Everything but the password is checked before asking for it, so a typo costs no typing.
  const details = newUserSchema.safeParse({ email: values.email, name: values.name, role });
  if (!details.success) throw new UsageError(describeZodError(details.error));
  if (!env().DATABASE_URL) throw new UsageError("DATABASE_URL is not set. Set it to the PostgreSQL database to add the user to.");
  if (await db().user.findUnique({ where: { email: details.data.email } })) {
    console.error(`A user with the email ${details.data.email} already exists. To let them set a new password, make a set-password link on their page under Administration › Users.`);
    return 1;
  }

  const password = await readPassword();
  const user = await createUserWithPassword({ email: details.data.email, name: details.data.name, role: role as Role, password });
  console.log(`Created ${user.name} <${user.email}> as ${role}. They can sign in now.`);
  return 0;
}

main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(error.message);
        process.exitCode = 2;
      } else if (error instanceof ZodError) {
        console.error(describeZodError(error));
        process.exitCode = 2;
      } else if ((error as { code?: string }).code === "P2002") {
        console.error("A user with this email already exists.");
        process.exitCode = 1;
      } else {
        console.error(error);
        process.exitCode = 1;
      }
    },
  )
  .finally(() => {
    if (env().DATABASE_URL) void db().$disconnect();
  });
