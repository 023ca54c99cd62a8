// The SDK's validation issues next to the fields they name, for every form of the page: each
// form (and the API settings) gives a map from `issue.path` to its control, and this one
// mechanism places, announces and clears the messages. Also the one way text fields become
// numbers for the SDK.

import type { Issue } from "adultwork-sdk";
import { byId } from "./dom";

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * Where each issue path of one call is shown. Every control has a `<p id="<control id>-error">`
 * next to it, named in its `aria-describedby`, so the message is announced with the field.
 */
export type IssueTargets = ReadonlyMap<string, Control>;

/** The controls showing an issue now (of whichever form), so that clearing finds them all. */
const marked = new Set<Control>();

function errorElementOf(control: Control): HTMLParagraphElement {
  return byId(`${control.id}-error`, HTMLParagraphElement);
}

/** Removes every field error, in every form. */
export function clearIssues(): void {
  for (const control of marked) {
    control.removeAttribute("aria-invalid");
    const error = errorElementOf(control);
    error.textContent = "";
    error.hidden = true;
  }
  marked.clear();
}

/**
 * Shows each issue next to the control its `path` names in `targets`, focuses the first such
 * control in page order, and returns the issues that name no control (the caller lists them
 * with the error).
 */
export function showIssues(targets: IssueTargets, issues: readonly Issue[]): Issue[] {
  const elsewhere: Issue[] = [];
  for (const issue of issues) {
    const control = targets.get(issue.path);
    if (control === undefined) {
      elsewhere.push(issue);
      continue;
    }
    const error = errorElementOf(control);
    error.textContent = [error.textContent, sentence(issue.message)].filter(Boolean).join(" ");
    error.hidden = false;
    control.setAttribute("aria-invalid", "true");
    marked.add(control);
  }
  document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(); // the first, in page order
  return elsewhere;
}

/** The SDK's issue messages describe the field ("is empty; expected …"): make a sentence. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * A text field as a number for the SDK, unchecked: `Number("1.5")`, `Number("abc")` (NaN).
 * An empty field becomes NaN rather than `Number("")`, which is 0, so the SDK's message says
 * "not a number" instead of "0 is out of range".
 */
export function toNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? Number.NaN : Number(trimmed);
}
