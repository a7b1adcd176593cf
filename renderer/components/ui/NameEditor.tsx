/**
 * A catalogue name edited in place: Enter or leaving the field saves, Esc
 * puts the old name back, a refusal is shown under the field.
 */
import { useState } from 'react';
import type { Result } from '../../../shared/result';

export function NameEditor({ name, label, onSave }: { name: string; label: string; onSave: (name: string) => Promise<Result<unknown, string>> }) {
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string>();
  const commit = async () => {
    if (value === name) return;
    const result = await onSave(value);
    if (result.ok) setError(undefined);
    else setError(result.message);
  };
  return (
    <div className="name-editor">
      <input
        aria-label={label}
        value={value}
        aria-invalid={Boolean(error)}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit();
          } else if (e.key === 'Escape') {
            setValue(name);
            setError(undefined);
          }
        }}
        onBlur={() => void commit()}
      />
      {error ? (
        <span className="field-error-text" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
