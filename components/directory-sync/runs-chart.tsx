type Point = { id: string; finishedAt: Date | null; usersFetched: number; durationMs: number; status: string };

const W = 640;
const H = 160;
const PAD = 28;

function polyline(values: number[], max: number) {
  const step = values.length > 1 ? (W - 2 * PAD) / (values.length - 1) : 0;
  return values.map((v, i) => `${PAD + i * step},${H - PAD - (max ? (v / max) * (H - 2 * PAD) : 0)}`).join(' ');
}

/** Users synced and duration of the last runs, oldest on the left (an SVG drawn on the server). */
export function RunsChart({ runs }: { runs: Point[] }) {
  if (runs.length < 2) return <p className="text-sm text-slate-600">The chart appears after two finished syncs.</p>;
  const users = runs.map((r) => r.usersFetched);
  const seconds = runs.map((r) => r.durationMs / 1000);
  const maxUsers = Math.max(...users, 1);
  const maxSeconds = Math.max(...seconds, 1);
  const summary = `Last ${runs.length} syncs: between ${Math.min(...users).toLocaleString('en')} and ${maxUsers.toLocaleString('en')} users, ${Math.min(...seconds).toFixed(1)} to ${maxSeconds.toFixed(1)} seconds each.`;
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} className="h-auto w-full max-w-2xl">
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} className="stroke-slate-300" />
        <polyline points={polyline(users, maxUsers)} fill="none" className="stroke-brand-600" strokeWidth={2} />
        <polyline
          points={polyline(seconds, maxSeconds)}
          fill="none"
          className="stroke-amber-600"
          strokeWidth={2}
          strokeDasharray="5 4"
        />
        <text x={PAD} y={16} className="fill-slate-600 text-[11px]">
          max {maxUsers.toLocaleString('en')} users · {maxSeconds.toFixed(1)} s
        </text>
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-xs text-slate-600">
        <span className="inline-flex items-center gap-1">
          <span aria-hidden className="inline-block h-0.5 w-4 bg-brand-600" /> Users synced
        </span>
        <span className="inline-flex items-center gap-1">
          <span aria-hidden className="inline-block h-0.5 w-4 border-t-2 border-dashed border-amber-600" /> Duration
        </span>
        <span className="sr-only">{summary}</span>
      </figcaption>
    </figure>
  );
}
