export default function PortalLinkNotFound() {
  return (
    <section className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" aria-labelledby="portal-link-refused">
      <h1 id="portal-link-refused" className="text-xl font-semibold">
        This setup link is no longer valid
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        The link has expired, was revoked, or setup was already completed with it. Ask the person who sent it to you for
        a new setup link.
      </p>
    </section>
  );
}
