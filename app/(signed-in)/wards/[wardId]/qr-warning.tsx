// Shown above a poster or paper form (never printed) when its QR code would point at an address
// phones on the ward cannot open (lib/posters: unreachableFromPhones).
export function QrUnreachableWarning({ base, reason }: { base: string; reason: string | null }) {
  if (!reason) return null;
  return (
    <div role="alert" className="mb-6 border-l-8 border-nhs-red bg-red-50 p-4" data-testid="qr-unreachable">
      <p className="font-bold">Do not print this yet: phones on the ward cannot open its QR code.</p>
      <p>
        The QR code points at <code>{base}</code>, and {reason}. Set <code>PUBLIC_BASE_URL</code> to the address people reach Wardsafe at
        (for example <code>https://wardsafe.your-trust.nhs.uk</code>), restart the app, and print it again.
      </p>
    </div>
  );
}
