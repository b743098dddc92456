import { NextResponse, type NextRequest } from "next/server";

// The outer gate: anything that is not the public survey (or signing in) needs a session cookie or
// an API token before it reaches a page or route at all. It checks only presence, cheaply; the
// real check (valid session, active user, what they may see) is lib/auth, on every request. The
// gate means a page that forgot to ask lib/auth still cannot be reached anonymously.

const PUBLIC_PATHS = [
  /^\/s\/[^/]+(\/thanks|\/answers)?\/?$/, // the survey pages and where its form posts
  /^\/k(\/(answers|thanks|status|enrol\/[^/]+))?\/?$/, // the ward tablet's kiosk (its own credential, lib/survey/tablets)
  /^\/api\/v1\/responses\/?$/, // the survey API
  /^\/api\/(health|ready)\/?$/,
  /^\/api\/auth\//, // Auth.js (sign-in, sign-out, session)
  /^\/signin\/?$/,
  /^\/set-password\/[^/]+\/?$/,
  /^\/(survey\.css|survey\.js|kiosk\.js|kiosk-sw\.js|favicon\.ico|robots\.txt)$/,
  /^\/easy-read\/[a-z-]+\.svg$/, // the easy-read survey's pictures
];

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((pattern) => pattern.test(pathname))) return NextResponse.next();
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const hasToken = /^Bearer\s+\S+$/i.test(request.headers.get("authorization") ?? "");
  if (hasSession || hasToken) return NextResponse.next();
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "Sign in, or send an API token as Authorization: Bearer <token>" }, { status: 401 });
  }
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

// The public survey paths skip the proxy entirely: they never need it, and on the hot submission
// path the proxy's per-request cost was measured at about a tenth of the app's CPU.
// The CSV upload (api/v1/imports) skips it too: for a path the proxy runs on, Next buffers the
// whole request body in memory and silently cuts it at proxyClientMaxBodySize (10 MB), which
// would import part of a large file. Its route authenticates every request itself (withActor).
export const config = {
  matcher: ["/((?!_next/static|_next/image|api/v1/responses|api/v1/imports|api/health|api/ready|s/|k/|easy-read/|survey\\.css|survey\\.js|kiosk\\.js|kiosk-sw\\.js).*)"],
};
