// Evaluates XPath expressions with Enketo's openrosa-xpath-evaluator under jsdom.
// Input (stdin): one JSON object per line: {"id", "xml", "context": [child indices], "expr"}
//   xml     - <model><instance>PRIMARY</instance><instance id="x">...</instance>...</model>,
//             or absent to reuse the previous line's document
//   context - element-child indices from the primary instance's root to the context node
// Output (stdout): one JSON object per line: {"id", "t": "num"|"str"|"bool"|"nodes", "v"}
//   or {"id", "error": message}. Numbers are sent as text so NaN and Infinity survive.
'use strict';

const readline = require('readline');
const { JSDOM } = require('jsdom');

const { window } = new JSDOM('');
global.XPathEvaluator = window.XPathEvaluator;
global.XPathResult = window.XPathResult;
global.Node = window.Node;
global.document = window.document;

// jsdom's XPathExpression.evaluate() insists on a result type; browsers default to ANY_TYPE,
// and openrosa-xpath-evaluator relies on that default when it continues a path after a
// predicate. Supply the default; nothing else about jsdom or Enketo is changed.
const probe = new window.XPathEvaluator().createExpression('.', null);
const proto = Object.getPrototypeOf(probe);
const nativeEvaluate = proto.evaluate;
proto.evaluate = function evaluate(node, type, result) {
    return nativeEvaluate.call(this, node, type ?? 0, result ?? null);
};

const orxe = require('openrosa-xpath-evaluator');
const evaluator = orxe();
const parser = new window.DOMParser();
let doc = null;

function contextNode(doc, path) {
    const instance = doc.documentElement.firstElementChild;
    let node = instance.firstElementChild;
    for (const i of path) node = node.children[i];
    return node;
}

function typed(r) {
    switch (r.resultType) {
        case XPathResult.NUMBER_TYPE:
            return { t: 'num', v: String(r.numberValue) };
        case XPathResult.STRING_TYPE:
        case XPathResult.ANY_TYPE: // dates come back as ANY_TYPE with their text
            return { t: 'str', v: r.stringValue };
        case XPathResult.BOOLEAN_TYPE:
            return { t: 'bool', v: r.booleanValue };
        default: {
            const v = [];
            if (r.snapshotLength !== undefined) {
                for (let i = 0; i < r.snapshotLength; ++i) v.push(r.snapshotItem(i).textContent);
            } else {
                let n;
                while ((n = r.iterateNext())) v.push(n.textContent);
            }
            return { t: 'nodes', v };
        }
    }
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on('line', (line) => {
    if (!line.trim()) return;
    const job = JSON.parse(line);
    let out;
    try {
        if (job.xml !== undefined) doc = parser.parseFromString(job.xml, 'text/xml');
        const node = contextNode(doc, job.context);
        const result = evaluator.evaluate(job.expr, node, null, XPathResult.ANY_TYPE, null);
        out = { id: job.id, ...typed(result) };
    } catch (e) {
        out = { id: job.id, error: String((e && e.message) || e).slice(0, 200) };
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
});
