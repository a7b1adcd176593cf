/** The printed monthly report (BÁO CÁO) of one period: preview, print and PDF. */
export function PrintReportPage({ periodTo }: { periodTo: string }) {
  return <section className="page">Báo cáo kỳ đến {periodTo}</section>;
}
