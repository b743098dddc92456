import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Wardsafe", template: "%s · Wardsafe" },
  description: "Anonymous ward sexual safety surveys and run charts for quality improvement",
  robots: { index: false },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen bg-slate-50 font-sans text-ink antialiased">{children}</body>
    </html>
  );
}
