// App code: a booking form whose only validation is the SDK's own rules, given to TanStack
// Form as a Standard Schema (`validators: { onChange: schemas.CreateBookingRequest }`, no
// adapter). The form's value type is the SDK's `CreateBookingRequest`, so a valid form value
// goes to `client.createBooking` as it is. Errors show under their field once it is touched
// (every field is, after a submit attempt); the server's refusal of a well-formed booking
// shows above the button.
import { useForm } from "@tanstack/react-form";
import {
  type AdultWorkClient,
  type BookingTime,
  type CallMethod,
  type CreateBookingRequest,
  type MadeBooking,
  isAdultWorkError,
  schemas,
} from "adultwork-sdk";
import { useState } from "react";

// Compile-time assertions: `expectType<Equal<A, B>>()` compiles only if A and B are the same
// type (`any` included: it equals nothing but itself).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>() => {};

const initial: CreateBookingRequest = {
  BookUserID: 3001,
  SessionDate: "",
  Duration: 30,
  Method: 1,
  Credits: 30,
  AcceptBy: "",
};

/** `<input type="datetime-local">` writes `YYYY-MM-DDTHH:MM`; the API's times are `YYYY-MM-DD HH:MM`. */
const toInput = (time: BookingTime) => (typeof time === "string" ? time.replace(" ", "T") : "");
const fromInput = (value: string): BookingTime => value.replace("T", " ");
const methodOf = (value: string): CallMethod => (value === "2" ? 2 : value === "3" ? 3 : 1);
/** An empty optional text input is "not given" (the SDK checks a given PhoneNumber or SkypeName). */
const optional = (value: string) => (value === "" ? undefined : value);

type Outcome =
  | { state: "booked"; booking: MadeBooking }
  | { state: "refused"; kind: string; status: number | null; message: string };

export function BookingForm({ client }: { client: AdultWorkClient }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const form = useForm({
    defaultValues: initial,
    validators: { onChange: schemas.CreateBookingRequest },
    onSubmit: async ({ value }) => {
      expectType<Equal<typeof value, CreateBookingRequest>>();
      try {
        setOutcome({ state: "booked", booking: await client.createBooking(value) });
      } catch (e) {
        if (!isAdultWorkError(e)) throw e;
        setOutcome({ state: "refused", kind: e.kind, status: e.status ?? null, message: e.serverMessage ?? e.message });
      }
    },
  });
  expectType<Equal<typeof form.state.values, CreateBookingRequest>>();

  /** A field's errors (the SDK's messages), shown once the field is touched. */
  const errors = (name: keyof CreateBookingRequest, meta: { isTouched: boolean; errors: unknown[] }) => (
    <ul className="errors" data-errors-for={name}>
      {meta.isTouched &&
        meta.errors.flat().map((error, i) => (
          <li key={i}>{typeof error === "object" && error && "message" in error ? String(error.message) : String(error)}</li>
        ))}
    </ul>
  );

  return (
    <form
      data-state="ready"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setOutcome(null);
        void form.handleSubmit();
      }}
    >
      <form.Field name="BookUserID">
        {(field) => (
          <label>
            User ID
            <input
              name={field.name}
              type="number"
              value={Number.isNaN(field.state.value) ? "" : field.state.value}
              onChange={(e) => field.handleChange(e.target.valueAsNumber)}
              onBlur={field.handleBlur}
            />
            {errors(field.name, field.state.meta)}
          </label>
        )}
      </form.Field>
      <form.Field name="SessionDate">
        {(field) => (
          <label>
            Session starts (UK time)
            <input
              name={field.name}
              type="datetime-local"
              value={toInput(field.state.value)}
              onChange={(e) => field.handleChange(fromInput(e.target.value))}
              onBlur={field.handleBlur}
            />
            {errors(field.name, field.state.meta)}
          </label>
        )}
      </form.Field>
      <form.Field name="Duration">
        {(field) => (
          <label>
            Minutes
            <input
              name={field.name}
              type="number"
              value={Number.isNaN(field.state.value) ? "" : field.state.value}
              onChange={(e) => field.handleChange(e.target.valueAsNumber)}
              onBlur={field.handleBlur}
            />
            {errors(field.name, field.state.meta)}
          </label>
        )}
      </form.Field>
      <form.Field name="Method">
        {(field) => (
          <label>
            How
            <select
              name={field.name}
              value={String(field.state.value)}
              onChange={(e) => field.handleChange(methodOf(e.target.value))}
              onBlur={field.handleBlur}
            >
              <option value="1">They call my phone</option>
              <option value="2">I call them</option>
              <option value="3">Skype</option>
            </select>
            {errors(field.name, field.state.meta)}
          </label>
        )}
      </form.Field>
      <form.Field name="PhoneNumber">
        {(field) => (
          <label>
            My phone number
            <input
              name={field.name}
              type="tel"
              value={field.state.value ?? ""}
              onChange={(e) => field.handleChange(optional(e.target.value))}
              onBlur={field.handleBlur}
            />
            {errors(field.name, field.state.meta)}
          </label>
        )}
      </form.Field>
      <form.Field name="SkypeName">
        {(field) => (
          <label>
            My Skype name
            <input
              name={field.name}
              value={field.state.value ?? ""}
              onChange={(e) => field.handleChange(optional(e.target.value))}
              onBlur={field.handleBlur}
            />
            {errors(field.name, field.state.meta)}
          </label>
        )}
      </form.Field>
      <form.Field name="Credits">
        {(field) => (
          <label>
            Credits
            <input
              name={field.name}
              type="number"
              step="any"
              value={Number.isNaN(field.state.value) ? "" : field.state.value}
              onChange={(e) => field.handleChange(e.target.valueAsNumber)}
              onBlur={field.handleBlur}
            />
            {errors(field.name, field.state.meta)}
          </label>
        )}
      </form.Field>
      <form.Field name="AcceptBy">
        {(field) => (
          <label>
            Accept by (UK time)
            <input
              name={field.name}
              type="datetime-local"
              value={toInput(field.state.value)}
              onChange={(e) => field.handleChange(fromInput(e.target.value))}
              onBlur={field.handleBlur}
            />
            {errors(field.name, field.state.meta)}
          </label>
        )}
      </form.Field>
      <form.Field name="Comments">
        {(field) => (
          <label>
            Message
            <textarea
              name={field.name}
              value={field.state.value ?? ""}
              onChange={(e) => field.handleChange(e.target.value)}
              onBlur={field.handleBlur}
            />
            {errors(field.name, field.state.meta)}
          </label>
        )}
      </form.Field>
      {/* @ts-expect-error: the form's fields are CreateBookingRequest's; a misspelt one does not compile. */}
      <form.Field name="Duraton">{() => null}</form.Field>
      <form.Subscribe selector={(state) => [state.submissionAttempts, state.isSubmitting] as const}>
        {([attempts, submitting]) => (
          <button type="submit" data-attempts={attempts} disabled={submitting}>
            Book
          </button>
        )}
      </form.Subscribe>
      {outcome && (
        <output data-outcome={outcome.state}>{JSON.stringify(outcome.state === "booked" ? outcome.booking : outcome)}</output>
      )}
    </form>
  );
}
