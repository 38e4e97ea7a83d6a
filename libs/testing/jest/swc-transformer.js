// Jest (on Node 20) cannot require ES modules, and NestJS 12, nodemailer and smtp-server ship only
// as ES modules. Node itself loads them through require(esm) in production; under Jest we compile
// them to CommonJS with SWC like our own code. SWC leaves `import.meta.url` alone, which is a
// syntax error in CommonJS, so that one expression is rewritten to its CommonJS equivalent first.
const { createTransformer } = require('@swc/jest');

module.exports = {
  createTransformer(swcOptions) {
    const swc = createTransformer(swcOptions);
    const rewrite = (source) =>
      source.includes('import.meta.url')
        ? source.replaceAll('import.meta.url', "module.require('node:url').pathToFileURL(__filename).href")
        : source;
    return {
      ...swc,
      process: (source, path, options) => swc.process(rewrite(source), path, options),
      processAsync: (source, path, options) => swc.processAsync(rewrite(source), path, options),
      getCacheKey: (source, path, options) => swc.getCacheKey(rewrite(source), path, options),
    };
  },
};
