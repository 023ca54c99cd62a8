//! `#[derive(Described)]`: an API type's description, read from its one declaration.
//!
//! adultwork-sdk checks every value it does not build itself (a server's answer, a caller's
//! request or options) with one engine that reads a static description of the expected type:
//! its wire names, the kind of each value, which may be `null`, the rule of each leaf. This
//! derive writes that description from the type's declaration, reading the same `#[serde(...)]`
//! attributes serde and tsify read (through `serde_derive_internals`, as they do), so a field
//! renamed for the wire is renamed in its check and its TypeScript declaration at once. It also
//! writes how the checked value becomes the Rust value (`FromChecked`): a field-by-field move,
//! no parsing.
//!
//! The kinds it reads:
//! - a struct with named fields: a record (`deny_unknown_fields` makes it strict);
//! - an enum of unit variants: one of its wire names; with `#[describe(numbers)]`, one of its
//!   discriminants (the API's numeric enums);
//! - a newtype: a leaf rule, `#[describe(expected = "…", <rule>)]` with one of
//!   `integer(min = …, max = …)`, `finite(min = …)` / `finite(above = …)`, `text = path`,
//!   `moment = path`; or a list, `#[describe(list = "…", count(min = …, max = …, expected =
//!   "…"), distinct = "…")]` over a `Vec<T>`.
//!
//! The generated code names the SDK's engine as `crate::check`: the derive serves the SDK
//! crate only.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::{quote, ToTokens};
use serde_derive_internals::{ast, Ctxt, Derive};
use syn::{parse_macro_input, DeriveInput, Expr, LitStr};

/// Writes `impl crate::check::Described` and `impl crate::check::FromChecked` for the type.
#[proc_macro_derive(Described, attributes(describe, serde))]
pub fn derive_described(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// What `#[describe(...)]` on the type says.
#[derive(Default)]
struct Options {
    expected: Option<LitStr>,
    rule: Option<Rule>,
    list: Option<LitStr>,
    count: Option<(Expr, Expr, LitStr)>,
    distinct: Option<LitStr>,
    numbers: bool,
}

enum Rule {
    Integer(Expr, Expr),
    Finite { min: Expr, exclusive: bool },
    Text(syn::Path),
    Moment(syn::Path),
}

fn options(input: &DeriveInput) -> syn::Result<Options> {
    let mut out = Options::default();
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("describe")) {
        attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            match key.as_str() {
                "expected" => out.expected = Some(meta.value()?.parse()?),
                "list" => out.list = Some(meta.value()?.parse()?),
                "distinct" => out.distinct = Some(meta.value()?.parse()?),
                "numbers" => out.numbers = true,
                "text" => out.rule = Some(Rule::Text(meta.value()?.parse()?)),
                "moment" => out.rule = Some(Rule::Moment(meta.value()?.parse()?)),
                "integer" | "finite" | "count" => {
                    let (mut min, mut max, mut above, mut expected) = (None, None, None, None);
                    meta.parse_nested_meta(|inner| {
                        let name = inner.path.get_ident().map(ToString::to_string);
                        match name.as_deref() {
                            Some("min") => min = Some(inner.value()?.parse::<Expr>()?),
                            Some("max") => max = Some(inner.value()?.parse::<Expr>()?),
                            Some("above") => above = Some(inner.value()?.parse::<Expr>()?),
                            Some("expected") => expected = Some(inner.value()?.parse::<LitStr>()?),
                            _ => return Err(inner.error("expected min, max, above or expected")),
                        }
                        Ok(())
                    })?;
                    let missing = |what: &str| meta.error(format!("{key}(...) needs {what}"));
                    match key.as_str() {
                        "integer" => {
                            out.rule = Some(Rule::Integer(
                                min.ok_or_else(|| missing("min"))?,
                                max.ok_or_else(|| missing("max"))?,
                            ))
                        }
                        "finite" => {
                            out.rule = Some(match (min, above) {
                                (Some(min), None) => Rule::Finite {
                                    min,
                                    exclusive: false,
                                },
                                (None, Some(min)) => Rule::Finite {
                                    min,
                                    exclusive: true,
                                },
                                _ => return Err(missing("one of min or above")),
                            })
                        }
                        _ => {
                            out.count = Some((
                                min.ok_or_else(|| missing("min"))?,
                                max.ok_or_else(|| missing("max"))?,
                                expected.ok_or_else(|| missing("expected"))?,
                            ))
                        }
                    }
                }
                _ => return Err(meta.error("unknown describe option")),
            }
            Ok(())
        })?;
    }
    Ok(out)
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let options = options(input)?;
    let cx = Ctxt::new();
    let container = ast::Container::from_ast(&cx, input, Derive::Deserialize);
    cx.check()?;
    let Some(container) = container else {
        return Err(syn::Error::new(
            Span::call_site(),
            "cannot describe this type",
        ));
    };
    let ident = &container.ident;
    let name = ident.to_string();
    let (kind, build) =
        match &container.data {
            ast::Data::Struct(ast::Style::Struct, fields) => record(&container, fields)?,
            ast::Data::Struct(ast::Style::Newtype, fields) => newtype(&options, fields)?,
            ast::Data::Enum(variants) if options.numbers => numbers(input, variants)?,
            ast::Data::Enum(variants) => variants_of(variants)?,
            _ => return Err(syn::Error::new_spanned(
                ident,
                "Described takes a struct with named fields, a newtype or an enum of unit variants",
            )),
        };
    Ok(quote! {
        impl crate::check::Described for #ident {
            const DESCRIPTION: &'static crate::check::Description = &crate::check::Description {
                name: #name,
                kind: #kind,
            };
        }

        impl crate::check::FromChecked for #ident {
            fn from_checked(value: crate::check::Value<'_>) -> ::core::option::Option<Self> {
                #build
            }
        }
    })
}

/// A struct with named fields: a record of its fields, by their wire names, in order.
fn record(container: &ast::Container, fields: &[ast::Field]) -> syn::Result<(Tokens, Tokens)> {
    let mut described = Vec::new();
    let mut built = Vec::new();
    let mut names = Vec::new();
    for field in fields {
        let member = &field.member;
        if field.attrs.skip_deserializing() {
            built.push(quote! { #member: ::core::default::Default::default() });
            continue;
        }
        let wire = field.attrs.name().deserialize_name().to_owned();
        let ty = field.ty;
        described.push(quote! {
            crate::check::Field {
                name: #wire,
                ty: <#ty as crate::check::Described>::DESCRIPTION,
            }
        });
        built.push(quote! { #member: fields.next()? });
        names.push(wire);
    }
    let strict = container.attrs.deny_unknown_fields();
    let listed = and_list(&names);
    let kind = quote! {
        crate::check::Kind::Record(crate::check::Record {
            fields: &[#(#described),*],
            strict: #strict,
            listed: #listed,
        })
    };
    let build = quote! {
        let mut fields = crate::check::Fields::of(value)?;
        ::core::option::Option::Some(Self { #(#built),* })
    };
    Ok((kind, build))
}

/// A newtype: a leaf rule over its inner value, or a list rule over its `Vec`.
fn newtype(options: &Options, fields: &[ast::Field]) -> syn::Result<(Tokens, Tokens)> {
    let inner = fields
        .first()
        .ok_or_else(|| syn::Error::new(Span::call_site(), "a newtype has one field"))?;
    let build = quote! {
        ::core::option::Option::Some(Self(crate::check::FromChecked::from_checked(value)?))
    };
    if let Some(expected) = &options.list {
        let item = vec_item(inner.ty).ok_or_else(|| {
            syn::Error::new_spanned(inner.ty, "#[describe(list)] needs a Vec<T> field")
        })?;
        let count = match &options.count {
            Some((min, max, words)) => quote! {
                ::core::option::Option::Some(crate::check::Count {
                    min: #min, max: #max, expected: #words,
                })
            },
            None => quote! { ::core::option::Option::None },
        };
        let distinct = match &options.distinct {
            Some(words) => quote! { ::core::option::Option::Some(#words) },
            None => quote! { ::core::option::Option::None },
        };
        let kind = quote! {
            crate::check::Kind::List(crate::check::List {
                item: <#item as crate::check::Described>::DESCRIPTION,
                expected: #expected,
                count: #count,
                distinct: #distinct,
            })
        };
        return Ok((kind, build));
    }
    let (Some(rule), Some(expected)) = (&options.rule, &options.expected) else {
        return Err(syn::Error::new(
            Span::call_site(),
            "a described newtype needs #[describe(expected = \"…\", <rule>)] or #[describe(list = \"…\")]",
        ));
    };
    let test = match rule {
        Rule::Integer(min, max) => quote! {
            crate::check::Test::Integer { min: (#min) as f64, max: (#max) as f64 }
        },
        Rule::Finite { min, exclusive } => quote! {
            crate::check::Test::Finite { min: (#min) as f64, exclusive: #exclusive }
        },
        Rule::Text(path) => quote! { crate::check::Test::Text(#path) },
        Rule::Moment(path) => quote! { crate::check::Test::Moment(#path) },
    };
    let kind = quote! {
        crate::check::Kind::Rule(crate::check::Rule { expected: #expected, test: #test })
    };
    Ok((kind, build))
}

/// An enum of unit variants: one of their wire names.
fn variants_of(variants: &[ast::Variant]) -> syn::Result<(Tokens, Tokens)> {
    let mut names = Vec::new();
    let mut arms = Vec::new();
    for (index, variant) in variants.iter().enumerate() {
        if !matches!(variant.style, ast::Style::Unit) {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "Described enums have unit variants only",
            ));
        }
        let index = index as u32;
        let ident = &variant.ident;
        names.push(variant.attrs.name().deserialize_name().to_owned());
        arms.push(quote! { #index => Self::#ident, });
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let expected = format!("one of {}", quoted.join(", "));
    let kind = quote! {
        crate::check::Kind::Variants(crate::check::Variants {
            names: &[#(#names),*],
            expected: #expected,
        })
    };
    let build = quote! {
        let crate::check::Value::Variant(index) = value else {
            return ::core::option::Option::None;
        };
        ::core::option::Option::Some(match index {
            #(#arms)*
            _ => return ::core::option::Option::None,
        })
    };
    Ok((kind, build))
}

/// An enum whose values are numbers on the wire (`#[describe(numbers)]`): one of its
/// discriminants.
fn numbers(input: &DeriveInput, variants: &[ast::Variant]) -> syn::Result<(Tokens, Tokens)> {
    let syn::Data::Enum(data) = &input.data else {
        return Err(syn::Error::new_spanned(input, "numbers is for enums"));
    };
    let mut numbers = Vec::new();
    let mut values = Vec::new();
    let mut arms = Vec::new();
    for (variant, original) in variants.iter().zip(&data.variants) {
        let Some((_, discriminant)) = &original.discriminant else {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "#[describe(numbers)] needs every variant's number (`Name = 1`)",
            ));
        };
        let ident = &variant.ident;
        numbers.push(discriminant.to_token_stream().to_string());
        values.push(quote! { (#discriminant) as f64 });
        arms.push(quote! { n if n == ((#discriminant) as f64) => Self::#ident, });
    }
    let expected = format!("one of {}", numbers.join(", "));
    let kind = quote! {
        crate::check::Kind::Rule(crate::check::Rule {
            expected: #expected,
            test: crate::check::Test::OneOf(&[#(#values),*]),
        })
    };
    let build = quote! {
        let crate::check::Value::Number(number) = value else {
            return ::core::option::Option::None;
        };
        ::core::option::Option::Some(match number {
            #(#arms)*
            _ => return ::core::option::Option::None,
        })
    };
    Ok((kind, build))
}

/// `T` of a `Vec<T>`.
fn vec_item(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Vec" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(item) => Some(item),
        _ => None,
    }
}

/// "A, B and C", as messages list a record's fields.
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
