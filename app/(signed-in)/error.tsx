"use client";

// Any page that fails while rendering (in production Next passes no details to the browser, only
// a digest): plain words and a way to try again, never a stack trace. The usual cause is the
// database being briefly unreachable; the signed-in layout catches that case itself.

export default function SignedInError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert">
      <h1 className="mb-4 text-3xl font-bold">This page could not be shown just now</h1>
      <p className="mb-4">Wardsafe may be temporarily unavailable. Nothing you have saved is lost. Please try again in a minute.</p>
      <button type="button" onClick={reset} className="min-h-11 rounded bg-nhs-blue px-4 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
