/**
 * Snippet text of edits with placeholders (`${1:value}`, `$0`): escaping literal text into it, and turning it
 * back into plain text (each placeholder's default) for clients that cannot take snippet edits.
 */

/** Escapes `$`, `}` and `\` so that `text` stays literal inside snippet syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

/** A placeholder with a default value: `${index:value}` (the value escaped). */
export function placeholder(index: number, value: string): string {
  return `\${${index}:${escapeSnippet(value)}}`;
}

/**
 * The text a snippet inserts when the user types nothing: placeholders become their default (the first option of
 * a choice), tab stops become nothing, escapes become the character. Nested placeholders are handled.
 */
export function snippetToPlain(snippet: string): string {
  let out = '';
  let index = 0;
  const parse = (inside: boolean): void => {
    while (index < snippet.length) {
      const character = snippet[index];
      if (character === '\\' && index + 1 < snippet.length && '\\$}'.includes(snippet[index + 1])) {
        out += snippet[index + 1];
        index += 2;
      } else if (inside && character === '}') {
        index += 1;
        return;
      } else if (character === '$') {
        const tabStop = /^\$(\d+)/.exec(snippet.slice(index));
        const open = /^\$\{(\d+)(:|\||\})/.exec(snippet.slice(index));
        if (tabStop) {
          index += tabStop[0].length;
        } else if (open && open[2] === '}') {
          index += open[0].length;
        } else if (open && open[2] === ':') {
          index += open[0].length;
          parse(true);
        } else if (open && open[2] === '|') {
          const close = snippet.indexOf('|}', index);
          const options = snippet.slice(index + open[0].length, close < 0 ? snippet.length : close);
          out += (options.split(',')[0] ?? '').replace(/\\(.)/g, '$1');
          index = close < 0 ? snippet.length : close + 2;
        } else {
          out += character;
          index += 1;
        }
      } else {
        out += character;
        index += 1;
      }
    }
  };
  parse(false);
  return out;
}
