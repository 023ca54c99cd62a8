// The public contract's types (shared/spec/SDK-CONTRACT.md), checked by `tsc --strict`
// against pkg/'s declarations. A wrong type fails to compile; each `@ts-expect-error` line
// fails to compile if the misuse it marks were accepted.
import {
  AdultWorkClient,
  AdultWorkError,
  cancelMadeBooking,
  canCancel,
  canDelete,
  canReschedule,
  createBooking,
  deleteMadeBookings,
  getMadeBookingDetails,
  rescheduleMadeBooking,
  isAdultWorkError,
  type BookingStatus,
  type CallMethod,
  type CancelCheck,
  type CancelMadeBookingRequest,
  type ClientOptions,
  type CreateBookingRequest,
  type DeleteCheck,
  type DeleteMadeBookingsRequest,
  type DeleteResult,
  type ErrorKind,
  type Issue,
  type MadeBooking,
  type PhoneChatBookingUser,
  type RequestOptions,
} from "adultwork-sdk";

/** True when A and B are the same type (not merely assignable). */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expect<T extends true>(): void {}

// --- enums and unions
expect<Equal<BookingStatus, "Pending" | "Accepted" | "Rejected" | "Confirmed" | "Cancelled">>();
expect<Equal<CallMethod, 1 | 2 | 3>>();
expect<
  Equal<
    ErrorKind,
    | "InvalidConfig"
    | "InvalidRequest"
    | "BadRequest"
    | "Unauthorized"
    | "Forbidden"
    | "NotFound"
    | "Conflict"
    | "RateLimited"
    | "ServerError"
    | "HttpError"
    | "InvalidResponse"
    | "NetworkError"
    | "Timeout"
    | "Aborted"
  >
>();
expect<
  Equal<
    CancelCheck,
    { ok: true } | { ok: false; reason: "AlreadyCancelled" | "Rejected" | "SessionPassed" }
  >
>();

// --- PhoneChatBookingUser, field by field
expect<
  Equal<
    PhoneChatBookingUser,
    {
      UserID: number;
      Nickname: string;
      PhoneNumber: string | null;
      SkypeName: string | null;
      Total: number;
      Positive: number;
      Neutral: number;
      Negative: number;
      Ratings: number;
      Disputes: number;
    }
  >
>();

// --- MadeBooking, field by field
expect<
  Equal<
    MadeBooking,
    {
      BookingID: number;
      Duration: number;
      Credits: number;
      Status: BookingStatus;
      Method: CallMethod;
      PhoneNumber: string | null;
      SkypeName: string | null;
      CreateDate: string;
      SessionDate: string;
      AcceptBy: string;
      AcceptedDate: string | null;
      ConfirmedDate: string | null;
      CancelledDate: string | null;
      CancelledReason: string | null;
      CancelledBy: string | null;
      RejectedReason: string | null;
      LastUpdated: string;
      Comments: string | null;
      ActionClient: string | null;
      Candidate: PhoneChatBookingUser;
    }
  >
>();

// --- requests and options
expect<Equal<CancelMadeBookingRequest, { BookingID: number; Reason: string }>>();
expect<Equal<ClientOptions["accessToken"], string | (() => string | Promise<string>)>>();
expect<Equal<ClientOptions["environment"], "sandbox" | "production" | undefined>>();
expect<Equal<RequestOptions["signal"], AbortSignal | undefined>>();
expect<Equal<Issue, { path: string; message: string }>>();

// --- functions
expect<Equal<ReturnType<typeof cancelMadeBooking>, Promise<MadeBooking>>>();
expect<Equal<Parameters<typeof cancelMadeBooking>[1], ClientOptions & RequestOptions>>();
expect<Equal<ReturnType<typeof canCancel>, CancelCheck>>();

// --- the two read/reschedule endpoints ("More endpoints" in the contract)
// A group manager names the member whose booking it is (`UserID`, issue 21).
expect<Equal<Parameters<typeof getMadeBookingDetails>[0], { BookingID: number; UserID?: number }>>();
expect<Equal<Parameters<typeof rescheduleMadeBooking>[0], { BookingID: number }>>();
expect<Equal<ReturnType<typeof getMadeBookingDetails>, Promise<MadeBooking>>>();
expect<Equal<ReturnType<typeof rescheduleMadeBooking>, Promise<MadeBooking>>>();
expect<Equal<Parameters<typeof getMadeBookingDetails>[1], ClientOptions & RequestOptions>>();
expect<
  Equal<ReturnType<typeof canReschedule>, { ok: true } | { ok: false; reason: "SessionNotPassed" }>
>();
expect<
  Equal<
    Parameters<AdultWorkClient["getMadeBookingDetails"]>,
    [request: { BookingID: number; UserID?: number }, options?: RequestOptions]
  >
>();
expect<
  Equal<
    Parameters<AdultWorkClient["rescheduleMadeBooking"]>,
    [request: { BookingID: number }, options?: RequestOptions]
  >
>();

declare const booking: MadeBooking;
const check = canCancel(booking, { now: new Date(), timeZone: "Europe/London" });
// @ts-expect-error `reason` exists only once the check is narrowed to `ok: false`
void check.reason;
if (!check.ok) {
  expect<Equal<typeof check.reason, "AlreadyCancelled" | "Rejected" | "SessionPassed">>();
} else {
  expect<Equal<typeof check, { ok: true }>>();
}
// @ts-expect-error `now` is a Date, not a number
canCancel(booking, { now: Date.now() });

async function usage(): Promise<void> {
  const client = new AdultWorkClient({ accessToken: async () => "token", environment: "production" });
  const b: MadeBooking = await client.cancelMadeBooking({ BookingID: 1, Reason: "x" });
  await client.cancelMadeBooking({ BookingID: 1, Reason: "x" }, { signal: new AbortController().signal });
  const total: number = b.Candidate.Total;
  void total;
  try {
    await cancelMadeBooking({ BookingID: 1, Reason: "x" }, { accessToken: "t", timeoutMs: 5000 });
  } catch (e) {
    if (isAdultWorkError(e)) {
      expect<Equal<typeof e.kind, ErrorKind>>();
      expect<Equal<typeof e.status, number | undefined>>();
      expect<Equal<typeof e.issues, Issue[] | undefined>>();
    }
    if (e instanceof AdultWorkError) {
      const err: Error = e;
      void err;
    }
  }

  // --- misuse that must not compile
  // @ts-expect-error BookingID is a number, not a string
  await cancelMadeBooking({ BookingID: "12", Reason: "x" }, { accessToken: "t" });
  // @ts-expect-error field names are exact (bookingId)
  await cancelMadeBooking({ bookingId: 12, Reason: "x" }, { accessToken: "t" });
  // @ts-expect-error Reason is required
  await cancelMadeBooking({ BookingID: 12 }, { accessToken: "t" });
  // @ts-expect-error the access token is required
  await cancelMadeBooking({ BookingID: 12, Reason: "x" }, {});
  // @ts-expect-error timeoutMs is a number
  await cancelMadeBooking({ BookingID: 12, Reason: "x" }, { accessToken: "t", timeoutMs: "5" });
  // @ts-expect-error signal is an AbortSignal, not its controller
  await client.cancelMadeBooking({ BookingID: 1, Reason: "x" }, { signal: new AbortController() });
  // @ts-expect-error a token function returns a string (or a promise of one)
  new AdultWorkClient({ accessToken: async () => 42 });
  // @ts-expect-error client methods take per-call options only: the token belongs to the client
  await client.cancelMadeBooking({ BookingID: 1, Reason: "x" }, { accessToken: "t" });
  // @ts-expect-error environment is "sandbox" or "production"
  new AdultWorkClient({ accessToken: "t", environment: "staging" });
  // @ts-expect-error a nullable field may be null: it is not a plain string
  const phone: string = b.PhoneNumber;
  void phone;
  // @ts-expect-error getMadeBookingDetails takes only a BookingID number
  await getMadeBookingDetails({ BookingID: "1" }, { accessToken: "t" });
  // @ts-expect-error Method is 1 | 2 | 3
  const method: CallMethod = 4;
  void method;
}
void usage;

// --- first contact (issue 11): `kind` narrows what an error carries; options take `undefined`
// under exactOptionalPropertyTypes (this tsconfig turns it on); per-call maxRetries; fetch.
async function firstContact(e: AdultWorkError, client: AdultWorkClient): Promise<void> {
  if (e.kind === "RateLimited") {
    expect<Equal<typeof e.status, number>>();
    const wait: number | undefined = e.retryAfterMs;
    void wait;
  }
  if (e.kind === "InvalidRequest" || e.kind === "InvalidResponse" || e.kind === "InvalidConfig") {
    expect<Equal<typeof e.issues, Issue[]>>();
  }
  if (e.kind === "Conflict" || e.kind === "NotFound" || e.kind === "ServerError") {
    expect<Equal<typeof e.status, number>>();
  }
  if (e.kind === "Aborted") {
    const reason: unknown = e.cause;
    void reason;
  }
  // Before narrowing, every field reads as optional.
  expect<Equal<typeof e.status, number | undefined>>();
  const err: Error = e;
  void err;
  if (e instanceof AdultWorkError) {
    expect<Equal<typeof e.kind, ErrorKind>>();
  }

  const everyOptionUndefined: ClientOptions & RequestOptions = {
    accessToken: "t",
    environment: undefined,
    baseUrl: undefined,
    timeoutMs: undefined,
    maxRetries: undefined,
    fetch: undefined,
    signal: undefined,
  };
  await cancelMadeBooking({ BookingID: 1, Reason: "x" }, everyOptionUndefined);
  await client.cancelMadeBooking({ BookingID: 1, Reason: "x" }, { maxRetries: 0, timeoutMs: undefined });
  canCancel({} as MadeBooking, { now: undefined, timeZone: undefined });
  const recorded: Request[] = [];
  new AdultWorkClient({
    accessToken: "t",
    fetch: async (input, init) => {
      recorded.push(input as Request);
      return fetch(input, init);
    },
  });
  // @ts-expect-error maxRetries is a number
  await client.cancelMadeBooking({ BookingID: 1, Reason: "x" }, { maxRetries: "2" });
  // @ts-expect-error fetch is a function with the signature of fetch
  new AdultWorkClient({ accessToken: "t", fetch: "https://proxy.example" });
  // @ts-expect-error `issues` is not known to be there for an HTTP kind
  if (e.kind === "Conflict") void e.issues.length;
  // Freeing: explicit, or with `using` (the package brings the esnext.disposable lib along,
  // although this project's own lib list stops at ES2022).
  {
    using scoped = new AdultWorkClient({ accessToken: "t" });
    await scoped.getMadeBookingDetails({ BookingID: 1 });
  }
  const dispose: () => void = client[Symbol.dispose];
  void dispose;
  client.free();
}
void firstContact;

// --- the made-booking lifecycle: create and delete
async function lifecycle(client: AdultWorkClient, booking: MadeBooking): Promise<void> {
  const accessToken = "token";
  const byPhone: CreateBookingRequest = {
    BookUserID: 2001,
    SessionDate: "2026-12-01 18:30",
    Duration: 30,
    Method: 1,
    PhoneNumber: "07700900123",
    Credits: 30,
    AcceptBy: new Date(),
  };
  const created: MadeBooking = await createBooking(byPhone, { accessToken });
  await client.createBooking({ ...byPhone, Method: 3, SkypeName: "me", PhoneNumber: undefined, Comments: undefined });
  void created;
  // @ts-expect-error Duration is a number of minutes
  await createBooking({ ...byPhone, Duration: "30" }, { accessToken });
  // @ts-expect-error Method is 1 | 2 | 3
  await createBooking({ ...byPhone, Method: 4 }, { accessToken });
  // @ts-expect-error a date is a string or a Date
  await createBooking({ ...byPhone, SessionDate: 1764613800000 }, { accessToken });
  // @ts-expect-error BookUserID is required
  await client.createBooking({ SessionDate: "2026-12-01 18:30", Duration: 30, Method: 2, Credits: 30, AcceptBy: "2026-12-01 17:00" });

  const request: DeleteMadeBookingsRequest = { BookingIDs: [1001, 1002] };
  const results: DeleteResult[] = await deleteMadeBookings(request, { accessToken });
  for (const r of await client.deleteMadeBookings(request)) {
    const id: number = r.BookingID;
    const deleted: boolean = r.Deleted;
    const why: string | null = r.Message;
    void [id, deleted, why];
  }
  void results;
  // @ts-expect-error the SDK takes the IDs as numbers, not the API's string
  await deleteMadeBookings({ BookingIDs: "1001,1002" }, { accessToken });

  const check: DeleteCheck = canDelete(booking);
  if (!check.ok) {
    expect<Equal<typeof check.reason, "NotFinished">>();
  }
}
void lifecycle;
