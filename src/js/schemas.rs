//! The SDK's own types as Standard Schemas (`schemas.CreateBookingRequest`, …): a form library,
//! a server or `request()` can check a value with exactly the rules and messages the SDK
//! applies, through the engine. A request type's schema checks its rules across fields too
//! (what `createBooking` checks before it sends); an answer type's, what an answer must be.
//! A valid value is handed back as it was given.

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::request::{segments_of, Segment};
use crate::check::js::Js;
use crate::check::{self, Described, Mode};
use crate::error::Issue;
use crate::model::{DeleteResult, DeleteResults, MadeBooking, PhoneChatBookingUser};
use crate::requests::{
    self, BookingIdRequest, CancelMadeBookingRequest, CreateBookingRequest,
    DeleteMadeBookingsRequest, MadeBookingDetailsRequest, Request,
};

/// How a schema checks a value: every problem, or none.
type Check = fn(JsValue) -> Vec<Issue>;

/// A request type's check: its fields' rules, then its rules across fields.
fn request<R: Request>(value: JsValue) -> Vec<Issue> {
    requests::read::<R>(&mut Js::new(value), 0)
        .err()
        .unwrap_or_default()
}

/// An answer type's check: what an answer of this type must be.
fn answer<A: Described>(value: JsValue) -> Vec<Issue> {
    check::walk(A::DESCRIPTION, &mut Js::new(value), 0, Mode::Answer, &[]).issues
}

/// A Standard Schema V1 object: `{ "~standard": { version: 1, vendor, validate } }`.
fn standard_schema(check: Check) -> JsValue {
    let validate = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |value: JsValue| {
        let issues = check(value.clone());
        outcome(value, issues)
    });
    let standard = Object::new();
    let set = |object: &Object, key: &str, value: &JsValue| {
        let _ = Reflect::set(object, &JsValue::from_str(key), value);
    };
    set(&standard, "version", &JsValue::from(1));
    set(&standard, "vendor", &JsValue::from_str("adultwork-sdk"));
    // Made once per type and kept for the page's life, as the schemas are.
    set(&standard, "validate", &validate.into_js_value());
    let schema = Object::new();
    set(&schema, "~standard", &standard);
    schema.into()
}

/// A Standard Schema issue: the SDK's message, and its path as keys and indices.
#[derive(Serialize)]
struct SchemaIssue {
    message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    path: Vec<PathKey>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum PathKey {
    Key(String),
    Index(u32),
}

/// `{ value }` for a valid value, `{ issues }` for one with problems.
fn outcome(value: JsValue, issues: Vec<Issue>) -> JsValue {
    let result = Object::new();
    if issues.is_empty() {
        let _ = Reflect::set(&result, &JsValue::from_str("value"), &value);
        return result.into();
    }
    let issues: Vec<SchemaIssue> = issues
        .into_iter()
        .map(|issue| SchemaIssue {
            path: segments_of(&issue.path)
                .into_iter()
                .map(|segment| match segment {
                    Segment::Key(key) => PathKey::Key(key.into_owned()),
                    Segment::Index(index) => PathKey::Index(index),
                })
                .collect(),
            message: issue.message,
        })
        .collect();
    let issues = issues
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|_| Array::new().into());
    let _ = Reflect::set(&result, &JsValue::from_str("issues"), &issues);
    result.into()
}

/// Declares the `schemas` export: the object (made on first use by the package's entry, from
/// this function) and its TypeScript type, from one list of the types.
macro_rules! schemas {
    (requests: $($request:ident),+; answers: $($answer:ident),+ $(;)?) => {
        /// The SDK's types as Standard Schemas (typed by the section below).
        #[wasm_bindgen(js_name = schemas, skip_typescript)]
        pub fn schemas() -> JsValue {
            let all = Object::new();
            $(let _ = Reflect::set(&all, &JsValue::from_str(stringify!($request)), &standard_schema(request::<$request>));)+
            $(let _ = Reflect::set(&all, &JsValue::from_str(stringify!($answer)), &standard_schema(answer::<$answer>));)+
            all.into()
        }

        #[wasm_bindgen(typescript_custom_section)]
        const SCHEMAS_TS: &'static str = concat!(
            "/**\n",
            " * The SDK's request and answer types as Standard Schemas (V1), checked by the same engine,\n",
            " * with the same messages and paths, as the SDK's calls check them: a form can validate a\n",
            " * booking with exactly the rules `createBooking` applies (rules across fields included),\n",
            " * and `request()` can check an answer with them. A valid value is handed back as given.\n",
            " *\n",
            " * @example\n",
            " * const result = schemas.CreateBookingRequest[\"~standard\"].validate(formValues);\n",
            " * if (result.issues) for (const issue of result.issues) show(issue.path, issue.message);\n",
            " */\n",
            "export declare const schemas: {\n",
            $("  readonly ", stringify!($request), ": StandardSchemaV1<", stringify!($request), ", ", stringify!($request), ">;\n",)+
            $("  readonly ", stringify!($answer), ": StandardSchemaV1<unknown, ", stringify!($answer), ">;\n",)+
            "};\n"
        );
    };
}

schemas! {
    requests: CancelMadeBookingRequest, MadeBookingDetailsRequest, BookingIdRequest,
        CreateBookingRequest, DeleteMadeBookingsRequest;
    answers: MadeBooking, PhoneChatBookingUser, DeleteResult, DeleteResults;
}

/// The Standard Schema V1 interface (github.com/standard-schema/standard-schema, declared here
/// as the spec allows, so that the package needs no dependency for a type).
#[wasm_bindgen(typescript_custom_section)]
const STANDARD_SCHEMA_TS: &str = r#"
/** The Standard Schema interface (V1), as zod 4, valibot 1 and ArkType 2 implement it. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
    /** The Standard Schema properties. */
    readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

/** The types of the Standard Schema interface. */
export declare namespace StandardSchemaV1 {
    /** The Standard Schema properties. */
    export interface Props<Input = unknown, Output = Input> {
        /** The version number of the standard. */
        readonly version: 1;
        /** The vendor name of the schema library. */
        readonly vendor: string;
        /** Validates unknown input values. */
        readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
        /** Inferred types associated with the schema. */
        readonly types?: Types<Input, Output> | undefined;
    }
    /** The result of a validation. */
    export type Result<Output> = SuccessResult<Output> | FailureResult;
    /** The result of a successful validation. */
    export interface SuccessResult<Output> {
        /** The typed output value. */
        readonly value: Output;
        /** The absence of issues. */
        readonly issues?: undefined;
    }
    /** The result of a failed validation. */
    export interface FailureResult {
        /** The issues of a failed validation. */
        readonly issues: ReadonlyArray<Issue>;
    }
    /** One issue of a failed validation. */
    export interface Issue {
        /** The error message of the issue. */
        readonly message: string;
        /** The path of the issue, if any. */
        readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
    }
    /** A path segment. */
    export interface PathSegment {
        /** The key of the path segment. */
        readonly key: PropertyKey;
    }
    /** The inferred types of a schema. */
    export interface Types<Input = unknown, Output = Input> {
        /** The input type of the schema. */
        readonly input: Input;
        /** The output type of the schema. */
        readonly output: Output;
    }
    /** Infers the input type of a Standard Schema. */
    export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
    /** Infers the output type of a Standard Schema. */
    export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}
"#;
