import type { ErrorDetails, Issue } from "./api.js";

/**
 * What went wrong: the `kind` of an {@link AdultWorkError}, one of the kinds of
 * {@link ErrorDetails} (derived from the Rust error type, so the two cannot drift).
 */
export type ErrorKind = ErrorDetails["kind"];

/** The optional details of an {@link AdultWorkError}. */
export interface AdultWorkErrorDetails {
  /** The HTTP status, when a response arrived. */
  status?: number;
  /** The server's own message, when it gave one (one line, at most 300 characters). */
  serverMessage?: string;
  /** Every problem found, with its field path, for the validation kinds. */
  issues?: Issue[];
  /** How long the server asked to wait before trying again (`Retry-After`), in ms. */
  retryAfterMs?: number;
  /** The underlying error (a `fetch` TypeError, what your token function threw). */
  cause?: unknown;
}

/**
 * Every rejection and every throw of the SDK: a real `Error` subclass.
 *
 * Switch on {@link AdultWorkError.kind}. The message never contains the access token.
 *
 * @example
 * try {
 *   await cancelMadeBooking({ BookingID: 1, Reason: "Something came up" }, { accessToken });
 * } catch (e) {
 *   if (isAdultWorkError(e) && e.kind === "Conflict") showNotice(e.serverMessage ?? e.message);
 *   else throw e;
 * }
 */
export declare class AdultWorkError extends Error {
  /** Builds an error like the SDK's own (handy for mocks and tests of your error handling). */
  constructor(kind: ErrorKind, message: string, details?: AdultWorkErrorDetails);
  /** Always `"AdultWorkError"`. */
  readonly name: "AdultWorkError";
  /** What went wrong. */
  kind: ErrorKind;
  /** The HTTP status, when a response arrived. */
  status?: number;
  /** The server's own message, when it gave one. */
  serverMessage?: string;
  /** Every problem found, with its field path (`"Candidate.UserID"`), for validation kinds. */
  issues?: Issue[];
  /** From `Retry-After`, in milliseconds, when the server sent it. */
  retryAfterMs?: number;
}

/**
 * True for errors of this SDK. Unlike `instanceof`, also recognises errors from another copy
 * of the package or another realm (an iframe).
 */
export declare function isAdultWorkError(value: unknown): value is AdultWorkError;
