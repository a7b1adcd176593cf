/** The month's report hub: the figures of a period, the built-in workbook, the superior's template, the printed report, the hand-over. */
export function ReportPage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">Báo cáo tháng</h1>
    </section>
  );
}
