import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Lets several builds coexist on one machine (parallel work, benchmarks); `next start` reads the same variable.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  // `npm run typecheck` (first step of `npm test` and CI) checks the whole project, tests included;
  // checking again inside every build would only double the build time.
  typescript: { ignoreBuildErrors: true },
  // Native or Node-only packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "ioredis"],
  async headers() {
    return [
      {
        // The survey's own CSS and script: their address carries a hash of their content (lib/survey/assets).
        source: "/:file(survey\\.css|survey\\.js|kiosk\\.js)",
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
      {
        // The easy-read pictures, linked with the same content hash.
        source: "/easy-read/:file*",
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
      {
        // The kiosk's service worker: the browser checks it for a new version on every visit.
        source: "/kiosk-sw.js",
        headers: [{ key: "Cache-Control", value: "no-cache" }],
      },
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // same-origin, not no-referrer: a form post without a referrer arrives with `Origin: null`, which
          // Next refuses for server actions (forms must work without JavaScript). Other sites still get
          // nothing; the survey pages send no-referrer themselves.
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
