// A babel-jest setup as apps have it: ES module syntax in test files, compiled to CommonJS for
// Jest by @babel/preset-env. No transformIgnorePatterns: the package's "require" entry is
// CommonJS already.
module.exports = { presets: [["@babel/preset-env", { targets: { node: "current" } }]] };
