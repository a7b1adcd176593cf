/**
 * Expected failures are values, not exceptions: a machine-readable `code` for
 * tests and callers, and a Vietnamese `message` that can be shown to the officer as is.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<C extends string = string> = {
  readonly ok: false;
  readonly code: C;
  readonly message: string;
};
export type Result<T, C extends string = string> = Ok<T> | Err<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <C extends string>(code: C, message: string): Err<C> => ({
  ok: false,
  code,
  message,
});
