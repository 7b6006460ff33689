import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center gap-3 px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">403</p>
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="text-slate-600">Your role does not include this area. Ask an owner if you need it.</p>
      <Link href="/" className="text-sm font-medium text-brand-600 hover:underline">
        Back to your start page
      </Link>
    </main>
  );
}
