/**
 * The monthly report (BÁO CÁO) as the officer signs it, laid out per Nghị
 * định 30/2020/NĐ-CP: the two header blocks, the title and subject, the body
 * with the figures' tables and the prose drafted from them, the free-text
 * sections, "Nơi nhận" and the signature block. Pure presentation: everything
 * comes in through props, so the same document serves the preview, the
 * browser's print and Electron's PDF. Styles: styles/report-print.css.
 */
import { Fragment } from 'react';
import { formatDay } from '../../../../shared/dates/partial-date';
import { formatCount, formatRate } from '../../../../shared/format/numbers';
import type { ReportDraft } from '../../../../shared/domain/types';
import type { Dc01Row, ProgressRow, ReportFigures } from '../../../../shared/report/figures';
import type { ReportHeader } from '../../../../shared/report/values';
import {
  dc01OutcomeLines,
  progressRowTitle,
  recipientLines,
  reportDateLine,
  reportProse,
  reportSubjectLines,
  suggestedDifficulties,
  suggestedDirections,
  type Prose,
} from '../../../../shared/report/prose';

export type ReportDocumentProps = {
  header: ReportHeader;
  figures: ReportFigures;
  draft: Pick<ReportDraft, 'difficulties' | 'directions' | 'recipients' | 'signerTitle' | 'signerName'>;
};

const upper = (s: string) => s.toLocaleUpperCase('vi-VN');

function Runs({ prose }: { prose: Prose }) {
  return (
    <>
      {prose.map((run, i) => (typeof run === 'string' ? <Fragment key={i}>{run}</Fragment> : <strong key={i}>{run.figure}</strong>))}
    </>
  );
}

/** A free-text section: one paragraph per line. */
function FreeText({ text }: { text: string }) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <>
      {lines.map((line, i) => (
        <p key={i} className="rp-p">
          {line}
        </p>
      ))}
    </>
  );
}

const count = (n: number | undefined) => (n === undefined ? '—' : formatCount(n));

function ProgressTable({ rows, asOf }: { rows: readonly ProgressRow[]; asOf: string }) {
  return (
    <table className="rp-table rp-table-progress" aria-label="Kết quả thu thập, cập nhật thông tin">
      <colgroup>
        <col style={{ width: '6%' }} />
        <col style={{ width: '31%' }} />
        <col style={{ width: '11%' }} />
        <col style={{ width: '15%' }} />
        <col style={{ width: '13%' }} />
        <col style={{ width: '11%' }} />
        <col style={{ width: '13%' }} />
      </colgroup>
      <thead>
        <tr>
          <th rowSpan={2}>Stt</th>
          <th rowSpan={2}>Nội dung</th>
          <th rowSpan={2}>Tổng số</th>
          <th rowSpan={2}>Số đã cung cấp hồ sơ cho Công an cấp xã</th>
          <th colSpan={2}>Số đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư</th>
          <th rowSpan={2}>Tỷ lệ %</th>
        </tr>
        <tr>
          <th>Lũy kế đến {asOf}</th>
          <th>Trong kỳ</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={row.key}>
            <td className="rp-c">{i + 1}</td>
            <td className="rp-l">{progressRowTitle(row)}</td>
            <td className="rp-c">{count(row.figures.target)}</td>
            <td className="rp-c">{formatCount(row.figures.received)}</td>
            <td className="rp-c">{formatCount(row.figures.approved)}</td>
            <td className="rp-c">{formatCount(row.figures.approvedInPeriod)}</td>
            <td className="rp-c">{formatRate(row.figures.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Dc01Table({ rows }: { rows: readonly Dc01Row[] }) {
  const sum = (pick: (r: Dc01Row) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const total = sum((r) => r.figures.total);
  const done = sum((r) => r.figures.done);
  return (
    <table className="rp-table rp-table-dc01" aria-label="Kết quả làm sạch dữ liệu phân hệ DC01 mở rộng">
      <colgroup>
        <col style={{ width: '6%' }} />
        <col style={{ width: '25%' }} />
        <col style={{ width: '9%' }} />
        <col style={{ width: '30%' }} />
        <col style={{ width: '10%' }} />
        <col style={{ width: '9%' }} />
        <col style={{ width: '11%' }} />
      </colgroup>
      <thead>
        <tr>
          <th>Stt</th>
          <th>Nội dung</th>
          <th>Tổng số</th>
          <th>Đã xử lý</th>
          <th>Đang rà soát</th>
          <th>Chưa xử lý</th>
          <th>Tỷ lệ hoàn thành</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => {
          const outcomes = dc01OutcomeLines(row);
          return (
            <tr key={row.key}>
              <td className="rp-c">{i + 1}</td>
              <td className="rp-l">{row.label}</td>
              <td className="rp-c">{formatCount(row.figures.total)}</td>
              <td className="rp-l">
                <span className="rp-done">{formatCount(row.figures.done)}</span>
                {outcomes.map((line) => (
                  <span key={line} className="rp-outcome">
                    {line}
                  </span>
                ))}
              </td>
              <td className="rp-c">{formatCount(row.figures.inProgress)}</td>
              <td className="rp-c">{formatCount(row.figures.pending)}</td>
              <td className="rp-c">{formatRate(row.figures.rate)}</td>
            </tr>
          );
        })}
        <tr className="rp-total">
          <td />
          <td className="rp-c">Tổng cộng</td>
          <td className="rp-c">{formatCount(total)}</td>
          <td className="rp-l">
            <span className="rp-done">{formatCount(done)}</span>
          </td>
          <td className="rp-c">{formatCount(sum((r) => r.figures.inProgress))}</td>
          <td className="rp-c">{formatCount(sum((r) => r.figures.pending))}</td>
          <td className="rp-c">{formatRate(total > 0 ? done / total : undefined)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function ReportDocument({ header, figures, draft }: ReportDocumentProps) {
  const prose = reportProse(figures, header);
  const asOf = formatDay(header.period.to);
  const subject = reportSubjectLines(header.period);
  const dc01Rows = figures.dc01.filter((r) => r.figures.total > 0);
  const difficulties = draft.difficulties.trim() || suggestedDifficulties(figures);
  const directions = draft.directions.trim() || suggestedDirections(figures);
  return (
    <article className="rp-sheet" lang="vi" aria-label="Báo cáo">
      <header className="rp-heading">
        <div className="rp-heading-agency">
          <div className="rp-superior">{upper(header.superiorName)}</div>
          <div className="rp-unit">{upper(header.unitName)}</div>
          <div className="rp-rule rp-rule-agency" />
        </div>
        <div className="rp-heading-nation">
          <div className="rp-nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div className="rp-motto">
            <span>Độc lập - Tự do - Hạnh phúc</span>
          </div>
        </div>
        <div className="rp-number">Số: {header.reportNumber}</div>
        <div className="rp-date">{reportDateLine(header.placeName, header.reportDate)}</div>
      </header>

      <h1 className="rp-title">BÁO CÁO</h1>
      <p className="rp-subject">
        {subject[0]}
        <br />
        {subject[1]}
      </p>
      <div className="rp-rule rp-rule-subject" />

      <section className="rp-body">
        <p className="rp-p">
          <Runs prose={prose.opening} />
        </p>

        <h2 className="rp-h1">I. KẾT QUẢ THỰC HIỆN</h2>
        <h3 className="rp-h2">1. Thu thập, cập nhật thông tin hội viên các hội, đoàn thể, người lao động và phương tiện giao thông trên hệ thống CSDLQG về dân cư</h3>
        <p className="rp-p">
          <Runs prose={prose.progressIntro} />
        </p>
        {prose.progressItems.map((item, i) => (
          <p key={i} className="rp-p">
            - <Runs prose={item} />
          </p>
        ))}
        <p className="rp-p rp-lead">Số liệu cụ thể như sau:</p>
        <ProgressTable rows={figures.progress} asOf={asOf} />

        <h3 className="rp-h2">2. Rà soát, làm sạch dữ liệu dân cư tại phân hệ DC01 mở rộng</h3>
        <p className="rp-p">
          <Runs prose={prose.dc01Intro} />
        </p>
        {prose.dc01Items.map((item, i) => (
          <p key={i} className="rp-p">
            - <Runs prose={item} />
          </p>
        ))}
        {dc01Rows.length > 0 ? (
          <>
            <p className="rp-p rp-lead">Số liệu cụ thể như sau (tính đến ngày {asOf}):</p>
            <Dc01Table rows={dc01Rows} />
          </>
        ) : null}

        <h2 className="rp-h1">II. KHÓ KHĂN, VƯỚNG MẮC</h2>
        <FreeText text={difficulties} />

        <h2 className="rp-h1">III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI</h2>
        <FreeText text={directions} />

      </section>

      {/* the last paragraph goes with the signature: a signature never stands alone on a page */}
      <div className="rp-end">
        <p className="rp-p">
          <Runs prose={prose.closing} />
        </p>
        <footer className="rp-closing">
          <div className="rp-recipients">
            <div className="rp-recipients-title">Nơi nhận:</div>
            {recipientLines(draft.recipients).map((line, i) => (
              <div key={i}>{line}</div>
            ))}
          </div>
          <div className="rp-signature">
            <div className="rp-signer-title">{draft.signerTitle}</div>
            <div className="rp-signature-space" />
            <div className="rp-signer-name">{draft.signerName}</div>
          </div>
        </footer>
      </div>
    </article>
  );
}
