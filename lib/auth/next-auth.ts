import { createHash, randomBytes } from "node:crypto";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { clientAddressOf } from "@/lib/http/client-address";
import { checkSignIn } from "./sign-in";

// Auth.js (next-auth v5): email + password, JWT sessions. The JWT carries only the user id; who
// the user is and what they may see is read fresh from the database on every request
// (lib/auth/actor.ts), so deactivating a user or changing a team takes effect at once.

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}

export class LockedOut extends CredentialsSignin {
  constructor(readonly wait: string) {
    super();
    this.code = `locked:${wait}`;
  }
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

// One salt per process (on globalThis so every copy of this module agrees), never stored: the
// per-client count cannot be tied back to an address.
const shared = globalThis as unknown as { wardsafeSignInSalt?: Buffer };
const clientSalt = (shared.wardsafeSignInSalt ??= randomBytes(32));
const clientKey = (headers: Headers) => createHash("sha256").update(clientSalt).update(clientAddressOf(headers)).digest("base64url");

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: env().AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const outcome = await checkSignIn(parsed.data.email, parsed.data.password, clientKey(request.headers));
        if (outcome.ok) return { id: outcome.userId };
        if (outcome.reason === "locked") throw new LockedOut(outcome.wait);
        throw new InvalidCredentials();
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // signedInAt survives Auth.js's rolling refresh of the cookie (unlike iat), so a password
      // change can end every session that began before it.
      if (user?.id) Object.assign(token, { sub: user.id, signedInAt: Date.now() });
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return Object.assign(session, { signedInAt: typeof token.signedInAt === "number" ? token.signedInAt : 0 });
    },
  },
  logger: {
    // Failed sign-ins are expected and already in the audit log; Auth.js would otherwise print a
    // stack trace for each. Nothing logged here ever includes a password.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
    warn() {},
  },
});
