// The package's public types: the API generated from the Rust types (tsify + wasm-bindgen,
// in api.d.ts) and the hand-written error class (errors.d.ts).
export * from "./api.js";
export { AdultWorkError, isAdultWorkError } from "./errors.js";
export type {
  AdultWorkErrorBase,
  AdultWorkErrorConstructor,
  AdultWorkErrorDetails,
  ErrorKind,
} from "./errors.js";
