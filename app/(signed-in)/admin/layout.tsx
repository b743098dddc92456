import type { ReactNode } from "react";
import { AdminNav } from "./admin-nav";
import { requireAdmin } from "./require-admin";

// Each page and action under /admin checks the role itself too: a layout is not re-run on every
// client-side navigation, so it cannot be the only gate.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin("/admin");
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
