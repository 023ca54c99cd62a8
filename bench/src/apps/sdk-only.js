// Every export of the SDK, minified: the JavaScript a browser downloads for the SDK alone
// (for the size budget), whatever part of the API an app uses.
export * from "adultwork-sdk";
