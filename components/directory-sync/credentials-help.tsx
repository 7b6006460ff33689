/** Tells the IT admin where a Cezanne HR directory's credentials come from. */
export function CredentialsHelp() {
  return (
    <div className="rounded-md bg-slate-50 p-4 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
      <h3 className="font-semibold text-slate-900">Where do the Client ID and Client Secret come from?</h3>
      <p className="mt-1">
        On the HR side, an HR Professional creates an <strong>Authorised Application</strong> with{' '}
        <strong>API read access</strong> (Administration › Security › Authorised Applications) and hands you its Client
        ID and Client Secret. For another Cezanne HR system, request a new API Application from the Cezanne HR Support
        Team and enter its HR API address under Advanced.
      </p>
    </div>
  );
}
