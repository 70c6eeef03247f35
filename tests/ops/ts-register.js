"use strict";
/**
 * Lets `node -r ./tests/ops/ts-register.js src/main.ts` run the service from its sources,
 * transpiled file by file as ts-jest does (types are not checked here; `tsc --noEmit` does
 * that). The shutdown test uses it to signal the real entry point without a build into dist/,
 * which other work may be using at the same time.
 */
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const root = path.resolve(__dirname, "..", "..");
const { config } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
const compilerOptions = { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: true, declaration: false };
delete compilerOptions.moduleResolution;

require.extensions[".ts"] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
