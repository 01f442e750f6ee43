// Collapses the indentation inside Lit's html`` and css`` templates of our own sources, which
// terser keeps verbatim. HTML keeps one space where a line break was (attributes stay apart);
// CSS also loses the spaces around punctuation. Lit's own modules are left as published.

/**
 * Plain CSS only: `+` loses its spaces too, so a `calc()` with `+` would break.
 * @param {string} text
 */
function compactCss(text) {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>+]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .replace(/='([\w-]+)'\]/g, '=$1]')
    .replace(/([^\w.])0\./g, '$1.')
    .trim();
}

/**
 * A line break with its indentation goes entirely next to a tag or between two expressions, and
 * becomes one space elsewhere (between attributes). Our templates hold markup only: their text
 * comes from expressions, so no visible text is touched.
 * @param {string} text
 */
const compactHtml = (text) =>
  text
    .replace(/\s*\n\s*/g, (gap, at) => {
      const before = text[at - 1];
      const after = text[at + gap.length];
      return before === '>' || after === '<' || (before === undefined && after === undefined)
        ? ''
        : ' ';
    })
    // Static attribute values of one token need no quotes (`part="legend"` → `part=legend`).
    .replace(/="([\w-]+)"/g, '=$1');

/** @returns {import('rollup').Plugin} */
export function minifyTemplates({ include = /\/src\/.*\.ts$/ } = {}) {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!include.test(id)) return null;
      const edits = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier') {
          const compact =
            node.tag.name === 'css' ? compactCss : node.tag.name === 'html' ? compactHtml : null;
          if (compact) {
            for (const q of node.quasi.quasis) edits.push([q.start, q.end, compact]);
          }
        }
        for (const value of Object.values(node)) {
          if (Array.isArray(value)) value.forEach(visit);
          else if (value && typeof value.type === 'string') visit(value);
        }
      };
      visit(this.parse(code));
      if (edits.length === 0) return null;
      edits.sort((a, b) => b[0] - a[0]);
      let out = code;
      for (const [start, end, compact] of edits) {
        out = out.slice(0, start) + compact(out.slice(start, end)) + out.slice(end);
      }
      return { code: out, map: null };
    },
  };
}
