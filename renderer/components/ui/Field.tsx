/**
 * A labelled form control with its message underneath. The message is tied to
 * the control with aria-describedby so screen readers and tests find it.
 */
import { useId, type ReactNode } from 'react';

export type FieldProps = {
  label: string;
  error?: string | undefined;
  warning?: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
};

export function Field({ label, error, warning, hint, required, className, children }: FieldProps) {
  const id = useId();
  const messageId = `${id}-msg`;
  const hasMessage = Boolean(error || warning || hint);
  return (
    <div className={`field${error ? ' field-error' : ''}${warning && !error ? ' field-warning' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': hasMessage ? messageId : undefined })}
      {hasMessage ? (
        <div id={messageId} className="field-message" role={error ? 'alert' : undefined}>
          {error ?? warning ?? hint}
        </div>
      ) : null}
    </div>
  );
}
