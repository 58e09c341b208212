/**
 * Readable copies of generated markup for the docs' "what it renders" code blocks: one
 * element per line, indented by depth, and JSON (JSON-LD, JSON Feed) pretty-printed.
 */

/** One tag per line, indented; text stays with its tag. Enough for feeds and head tags. */
export function prettyMarkup(markup: string): string {
  const lines = markup
    .replace(/>\s*</g, '>\n<')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let depth = 0;
  const out: string[] = [];
  for (const line of lines) {
    const closing = line.startsWith('</');
    if (closing) depth = Math.max(0, depth - 1);
    out.push(`${'  '.repeat(depth)}${line}`);
    const opens =
      /^<[a-zA-Z][^>]*>/.test(line) && !/\/>$/.test(line) && !/^<(meta|link|img|br|hr|source|input)\b/i.test(line);
    const closesItself = /<\/[^>]+>$/.test(line);
    if (!closing && opens && !closesItself) depth++;
  }
  return out.join('\n');
}

/** JSON with two-space indents; `<` stays escaped as it was (JSON-LD inside a script). */
export function prettyJson(text: string): string {
  return JSON.stringify(JSON.parse(text), null, 2).replaceAll('<', '\\u003c');
}

/** Pretty-prints the JSON inside `<script type="application/ld+json">` elements too. */
export function prettyHead(markup: string): string {
  const scripts: string[] = [];
  const withoutJson = markup.replace(
    /(<script type="application\/ld\+json">)([\s\S]*?)(<\/script>)/g,
    (_, open, json) => {
      scripts.push(prettyJson(json));
      return `${open}\u0000${scripts.length - 1}\u0000</script>`;
    },
  );
  return prettyMarkup(withoutJson).replace(/\u0000(\d+)\u0000/g, (_, i) => `\n${scripts[Number(i)]}\n`);
}

/** The first `count` lines, with a note of how many were left out. */
export function firstLines(text: string, count: number): string {
  const lines = text.split('\n');
  if (lines.length <= count) return text;
  return `${lines.slice(0, count).join('\n')}\n… (${lines.length - count} more lines)`;
}
