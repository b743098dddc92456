export default function HomePage() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-12">
      <h1 className="text-3xl font-bold text-nhs-dark-blue">Wardsafe</h1>
      <p className="mt-4 text-lg">
        Anonymous ward sexual safety surveys, charted for quality improvement. Patients and staff answer by scanning
        the QR code on their ward&apos;s poster; project teams and QI coaches sign in to see their run charts.
      </p>
    </main>
  );
}
