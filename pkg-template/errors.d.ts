import type { ErrorDetails, Issue } from "./api.js";

/**
 * What went wrong: the `kind` of an {@link AdultWorkError}, one of the kinds of
 * {@link ErrorDetails} (derived from the Rust error type, so the two cannot drift).
 */
export type ErrorKind = ErrorDetails["kind"];

/** The optional details of an {@link AdultWorkError} built by hand (mocks, tests). */
export interface AdultWorkErrorDetails {
  /** The HTTP status, when a response arrived. */
  status?: number | undefined;
  /** The server's own message, when it gave one (one line, at most 300 characters). */
  serverMessage?: string | undefined;
  /** Every problem found, with its field path, for the validation kinds. */
  issues?: Issue[] | undefined;
  /** How long the server asked to wait before trying again (`Retry-After`), in ms. */
  retryAfterMs?: number | undefined;
  /** The underlying error (what `fetch` threw, what your token function threw, the signal's reason). */
  cause?: unknown;
}

/** What every {@link AdultWorkError} has, whatever its kind. */
export interface AdultWorkErrorBase extends Error {
  /** Always `"AdultWorkError"`. */
  readonly name: "AdultWorkError";
  /** What went wrong; checking it narrows the error to that kind's fields. */
  kind: ErrorKind;
  /** The HTTP status, when a response arrived (always a number for the HTTP kinds). */
  status?: number | undefined;
  /** The server's own message, when it gave one. */
  serverMessage?: string | undefined;
  /** Every problem found, with its field path (`"Candidate.UserID"`), for the validation kinds. */
  issues?: Issue[] | undefined;
  /** From `Retry-After`, in milliseconds, when the server sent it. */
  retryAfterMs?: number | undefined;
  /**
   * What caused it: what `fetch` threw (`NetworkError`), what your token function threw
   * (`Unauthorized`), your signal's `reason` (`Aborted`, `Timeout`).
   */
  cause?: unknown;
}

/**
 * Every rejection and every throw of the SDK: a real `Error` subclass, typed as a union
 * discriminated by `kind`, so that checking the kind narrows the fields it carries
 * (`"RateLimited"` → `retryAfterMs`, `"InvalidRequest"` → `issues`, `"Conflict"` → `status`).
 * The message never contains the access token.
 *
 * @example
 * try {
 *   await cancelMadeBooking({ BookingID: 1, Reason: "Something came up" }, { accessToken });
 * } catch (e) {
 *   if (!isAdultWorkError(e)) throw e;
 *   if (e.kind === "Conflict") showNotice(e.serverMessage ?? e.message);
 *   else if (e.kind === "InvalidRequest") for (const i of e.issues) showFieldError(i.path, i.message);
 *   else if (e.kind === "RateLimited") retryLater(e.retryAfterMs ?? 30_000);
 * }
 */
export type AdultWorkError = AdultWorkErrorBase & ErrorDetails;

/** The class of {@link AdultWorkError}s: `instanceof AdultWorkError` narrows to the union. */
export interface AdultWorkErrorConstructor {
  /** Builds an error like the SDK's own (handy for mocks and tests of your error handling). */
  new (kind: ErrorKind, message: string, details?: AdultWorkErrorDetails): AdultWorkError;
  /** The prototype every SDK error inherits from (`Error.prototype` above it). */
  readonly prototype: AdultWorkError;
}

/**
 * Every rejection and every throw of the SDK: a real `Error` subclass
 * (`instanceof AdultWorkError` and `instanceof Error` both hold).
 */
export declare const AdultWorkError: AdultWorkErrorConstructor;

/**
 * True for errors of this SDK. Unlike `instanceof`, also recognises errors from another copy
 * of the package or another realm (an iframe).
 *
 * @example
 * catch (e) { if (isAdultWorkError(e) && e.kind === "Unauthorized") redirectToLogin(); }
 */
export declare function isAdultWorkError(value: unknown): value is AdultWorkError;
