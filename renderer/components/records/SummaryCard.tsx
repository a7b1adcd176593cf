/** One figure above a list; clickable ones filter the list by what they count. */
export function SummaryCard({
  label,
  value,
  hint,
  tone,
  active,
  onClick,
}: {
  label: string;
  value: string;
  hint?: string | undefined;
  tone?: string;
  active?: boolean;
  onClick?: () => void;
}) {
  const body = (
    <>
      <span className="card-label">{label}</span>
      <span className="card-value">{value}</span>
      {hint ? <span className="card-hint">{hint}</span> : null}
    </>
  );
  const className = `summary-card${tone ? ` tone-${tone}` : ''}${active ? ' active' : ''}`;
  return onClick ? (
    <button type="button" className={className} onClick={onClick} aria-pressed={active}>
      {body}
    </button>
  ) : (
    <div className={className}>{body}</div>
  );
}
