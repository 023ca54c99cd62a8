// Conformance cases: each is a JSON text the SDK's parseMadeBooking and the baselines' schemas
// must judge the same way. The SDK is the reference (its rules are the contract's); run.mjs
// reports every case where a baseline disagrees, i.e. a rule the baseline cannot express.

/** @param {string} valid the fixture's text @returns {{ name: string, text: string }[]} */
export function conformanceCases(valid) {
  const base = JSON.parse(valid);
  const cases = [];
  const add = (name, text) => cases.push({ name, text });
  /** a copy of the sample with `path` set to `value` (undefined: removed) */
  const edit = (path, value) => {
    const b = structuredClone(base);
    const keys = path.split(".");
    const last = keys.pop();
    const parent = keys.reduce((o, k) => o[k], b);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
    return JSON.stringify(b);
  };
  /** the sample's text with one raw JSON value written differently (for number spellings) */
  const raw = (key, lexeme) => {
    const re = new RegExp(`("${key}":\\s*)([^,\\n}]+)`);
    if (!re.test(valid)) throw new Error(`no ${key} in the sample`);
    return valid.replace(re, `$1${lexeme}`);
  };
  const value = (path, v) => add(`${path} = ${JSON.stringify(v)}`, edit(path, v));
  const lexeme = (key, l) => add(`${key} written ${l}`, raw(key, l));

  add("the valid sample", valid);
  add(
    "unknown keys (top level and in Candidate)",
    JSON.stringify({ ...base, Extra: [1, { a: 2 }], Candidate: { ...base.Candidate, Extra: true } }),
  );
  // Numbers: integers in any spelling, ranges, finiteness, precision.
  lexeme("Duration", "15.0");
  lexeme("Duration", "1.5e1");
  lexeme("Ratings", "8e0");
  lexeme("Method", "2.0");
  for (const v of [0, -15, 2147483648, 1.5, "15", null]) value("Duration", v);
  for (const v of [0, 2147483647, 2147483648, -1, "1"]) value("BookingID", v);
  lexeme("BookingID", "1.0000000000000001"); // a fraction that JSON.parse rounds to 1
  for (const v of [0, 12.5, -0.5, "8", null]) value("Credits", v);
  lexeme("Credits", "-0");
  lexeme("Credits", "1e400"); // JSON.parse: Infinity
  lexeme("Credits", "-1e-400"); // below zero; JSON.parse: -0
  for (const v of [0, 4, 3, "1", null]) value("Method", v);
  for (const v of [-3, 1.5, 9007199254740991, -9007199254740991]) value("Candidate.Total", v);
  lexeme("Total", "9007199254740992");
  lexeme("Total", "9007199254740993"); // JSON.parse rounds it to 2^53
  for (const v of [-1, 0.5, 9007199254740992]) value("Candidate.Positive", v);
  for (const v of [0, "123456"]) value("Candidate.UserID", v);
  // Strings, enums, nullability, presence.
  for (const v of ["cancelled", "Done", null]) value("Status", v);
  for (const v of [null, 5, undefined]) value("PhoneNumber", v);
  value("Comments", null);
  value("Candidate.Nickname", null);
  value("Candidate.SkypeName", "someone");
  for (const v of [null, [], "x", undefined]) value("Candidate", v);
  value("CreateDate", null);
  value("AcceptedDate", null);
  value("AcceptedDate", "2018-01-21T10:00:00");
  // Datetimes: shape, fraction, offset, calendar.
  for (const v of [
    "2020-02-29T00:00:00",
    "2000-02-29T00:00:00",
    "2019-02-29T00:00:00",
    "1900-02-29T00:00:00",
    "2018-04-31T00:00:00",
    "2018-13-01T00:00:00",
    "2018-00-10T00:00:00",
    "2018-01-00T00:00:00",
    "0000-01-01T00:00:00",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59",
    "2018-01-22T24:00:00",
    "2018-01-22T23:60:00",
    "2018-01-22T23:59:60",
    "2018-01-22T21:30",
    "2018-01-22T21:30:00.1234567",
    "2018-01-22T21:30:00.12345678",
    "2018-01-22T21:30:00.",
    "2018-01-22T21:30:00Z",
    "2018-01-22T21:30:00.5Z",
    "2018-01-22T21:30:00+01:00",
    "2018-01-22T21:30:00-23:59",
    "2018-01-22T21:30:00+24:00",
    "2018-01-22T21:30:00+01:60",
    "2018-01-22T21:30:00+0100",
    "2018-01-22T21:30:00+01",
    "2018-01-22T21:30:00z",
    "2018-01-22t21:30:00",
    "2018-01-22 21:30:00",
    " 2018-01-22T21:30:00",
    "2018-01-22T21:30:00 ",
    "18-01-22T21:30:00",
    "2018-1-22T21:30:00",
    "",
  ]) {
    value("SessionDate", v);
  }
  add('SessionDate written with a JSON escape ("2018\\u002d01-22T21:30:00")', raw("SessionDate", '"2018\\u002d01-22T21:30:00"'));
  // JSON-level cases.
  add("Status given twice (Pending, then Cancelled)", valid.replace("{", '{"Status": "Pending",'));
  add("not JSON (HTML)", "<!doctype html><p>Service Unavailable</p>");
  add("empty text", "");
  add("null", "null");
  add("an array", "[]");
  add("trailing text after the object", valid + " x");
  add("a leading byte order mark", "\uFEFF" + valid);
  add("an unknown field nested 200 deep", JSON.stringify({ ...base, Deep: JSON.parse("[".repeat(200) + "]".repeat(200)) }));
  add("an unknown field of 1.1 MB (text over 1 MiB)", JSON.stringify({ ...base, Padding: "x".repeat(1_100_000) }));
  return cases;
}
