// What a signed-in page shows while the database cannot be reached: plain words, no stack trace,
// and nothing lost (no change was half made: every change is one transaction).

export function TemporarilyUnavailable() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-6 py-12">
      <h1 className="mb-4 text-3xl font-bold">Wardsafe is temporarily unavailable</h1>
      <p className="mb-3">We cannot reach Wardsafe&apos;s database just now. Nothing you have saved is lost, and the survey keeps patients&apos; answers safe while this lasts.</p>
      <p>
        Please try again in a minute: <a href="" className="text-nhs-blue underline">reload this page</a>.
      </p>
    </main>
  );
}
