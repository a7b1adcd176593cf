/** Progress of long work (an export, a hand-over): a bar, what is being done, rows so far, and a way to stop. */
import { Button } from '../../components/ui/Button';
import { formatCount } from '../../../shared/format/numbers';
import type { ExportProgress } from '../../excel/monthly-workbook';

export function WorkProgress({ progress, onCancel }: { progress: ExportProgress; onCancel?: () => void }) {
  return (
    <div className="work-progress" role="status" aria-live="polite">
      <progress max={progress.sheets} value={progress.sheet} aria-label="Tiến độ" />
      <span>
        {progress.step} {progress.rows > 0 && `(${formatCount(progress.rows)} dòng)`}
      </span>
      {onCancel && (
        <Button variant="secondary" onClick={onCancel}>
          Dừng
        </Button>
      )}
    </div>
  );
}
