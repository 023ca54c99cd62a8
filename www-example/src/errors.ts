// What to tell the user for each kind of AdultWorkError. One switch on `error.kind`: the
// kinds are a closed string union, so TypeScript checks the names. What a kind means for the
// user depends on what they were doing, so the words of each action are in one table.

import type { AdultWorkError, Issue } from "adultwork-sdk";
import { h } from "./dom";

/** What the failed call was doing. */
export type Action = "load" | "cancel" | "book" | "delete";

interface ActionWords {
  /** A refusal (409) and a rejected request (400): titles; the server's words follow. */
  refused: string;
  refusedDetail: string;
  badRequest: string;
  /** A 404. */
  notFound: string;
  notFoundDetail: string;
  /** When no answer arrived: whether the server may have acted anyway, and what to do. */
  noAnswer: string;
}

const WORDS: Readonly<Record<Action, ActionWords>> = {
  load: {
    refused: "The booking could not be loaded",
    refusedDetail: "The API refused to read it.",
    badRequest: "The booking could not be loaded",
    notFound: "No such booking",
    notFoundDetail: "This account made no booking with that ID.",
    noAnswer: "Loading only reads, so nothing changed: try again.",
  },
  cancel: {
    refused: "This booking cannot be cancelled",
    refusedDetail: "The API refused: the booking's state no longer allows cancelling it.",
    badRequest: "The cancellation was refused",
    notFound: "No such booking",
    notFoundDetail: "This account made no booking with that ID.",
    noAnswer:
      "If it had reached the server, the booking may still have been cancelled: load it to check.",
  },
  book: {
    refused: "This user cannot be booked",
    refusedDetail: "The API refused: the user's settings do not allow a PhoneChat booking.",
    badRequest: "The booking was refused",
    notFound: "Not found",
    notFoundDetail: "The API found no such user to book.",
    noAnswer:
      "If it had reached the server, the booking may have been made: look for it in your " +
      "bookings before booking again.",
  },
  delete: {
    refused: "This booking cannot be deleted",
    refusedDetail: "The API refused: the booking's state does not allow deleting it.",
    badRequest: "The deletion was refused",
    notFound: "No such booking",
    notFoundDetail: "This account has no booking with that ID (any more).",
    noAnswer: "If it had reached the server, the booking may have been deleted: load it to check.",
  },
};

interface Explanation {
  title: string;
  /** What happened and what to do, in plain words. */
  detail: string;
  /** The server's own words, quoted when it gave some. */
  quote?: string | undefined;
}

function explain(error: AdultWorkError, action: Action): Explanation {
  const words = WORDS[action];
  switch (error.kind) {
    // Validation: nothing was sent. The issues are shown next to their fields (see form.ts).
    case "InvalidRequest":
      return {
        title: "Check the highlighted fields",
        detail: "Nothing was sent: the SDK checks the request before it calls the API.",
      };
    case "InvalidConfig":
      return {
        title: "Check the API settings",
        detail: "Nothing was sent: the client options are not valid.",
      };

    // The server refused the change (409), or the request (400: a date in the past, too few
    // credits, an unknown user): its words say why.
    case "Conflict":
      return { title: words.refused, detail: words.refusedDetail, quote: error.serverMessage };
    case "BadRequest":
      return {
        title: words.badRequest,
        detail: "The API did not accept the request as it was.",
        quote: error.serverMessage,
      };

    // The token.
    case "Unauthorized":
      return {
        title: "The access token was refused",
        detail:
          "It is mistyped or has expired (tokens last about 20 minutes). Get a fresh one and try " +
          "again; refreshing needs your client secret, so do it on your server.",
        quote: error.serverMessage,
      };
    case "Forbidden":
      return {
        title: "The token may not manage bookings",
        detail:
          "The token is valid but lacks the account_phonechat_bookings scope. Ask the user to " +
          "sign in again, granting that scope.",
        quote: error.serverMessage,
      };

    case "NotFound":
      return { title: words.notFound, detail: words.notFoundDetail, quote: error.serverMessage };

    // No answer. A change is never retried automatically: the server may have acted.
    case "Aborted":
      return {
        title: "Request aborted",
        detail: `You stopped the request before an answer arrived. ${words.noAnswer}`,
      };
    case "Timeout":
      return {
        title: "No answer in time",
        detail: `The API did not answer within the time limit. ${words.noAnswer}`,
      };
    case "NetworkError":
      return {
        title: "Could not reach the API",
        detail:
          "No answer arrived: you may be offline, the base URL may be wrong, or the server does " +
          `not allow this page's origin (CORS). ${words.noAnswer}`,
      };

    case "RateLimited":
      return {
        title: "Too many requests",
        detail:
          error.retryAfterMs !== undefined
            ? `The API asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s before trying again.`
            : "The API asked to slow down: wait a little before trying again.",
      };

    // ServerError, HttpError, InvalidResponse: the message says it all.
    default:
      return { title: "The request failed", detail: error.message };
  }
}

/**
 * The error panel: title, explanation, the server's words, and any issues that could not be
 * shown next to a field. `data-error-kind` carries the kind for styling and tests.
 */
export function errorPanel(
  error: AdultWorkError,
  action: Action,
  unplacedIssues: readonly Issue[],
): HTMLElement {
  const { title, detail, quote } = explain(error, action);
  const kind = error.status === undefined ? error.kind : `${error.kind} · HTTP ${error.status}`;
  return h(
    "div",
    { class: "error", role: "alert", "data-error-kind": error.kind },
    h(
      "p",
      { class: "error-title" },
      h("strong", {}, title),
      h("code", { class: "kind" }, kind),
    ),
    h("p", {}, detail),
    quote !== undefined && h("blockquote", { class: "server-message" }, quote),
    unplacedIssues.length > 0 &&
      h(
        "ul",
        { class: "issues" },
        ...unplacedIssues.map((issue) =>
          h("li", {}, issue.path === "" ? "" : h("code", {}, `${issue.path}: `), issue.message),
        ),
      ),
  );
}

/** Anything thrown that is not an AdultWorkError: a bug in the app, not an API outcome. */
export function unexpectedPanel(error: unknown): HTMLElement {
  return h(
    "div",
    { class: "error", role: "alert", "data-error-kind": "unexpected" },
    h("p", { class: "error-title" }, h("strong", {}, "Something went wrong in the app")),
    h("p", {}, error instanceof Error ? error.message : String(error)),
  );
}
