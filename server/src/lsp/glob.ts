/**
 * Minimal glob matching for settings (`**`, `*`, `?`, `{a,b}`), on `/`-separated paths. A pattern without a
 * slash matches the file name anywhere in the tree, as in `files.exclude`.
 */

const cache = new Map<string, RegExp>();

function toRegExp(pattern: string): RegExp {
  let source = '';
  let index = 0;
  let inGroup = false;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === '*') {
      if (pattern[index + 1] === '*') {
        const slashAfter = pattern[index + 2] === '/';
        source += slashAfter ? '(?:.*/)?' : '.*';
        index += slashAfter ? 3 : 2;
        continue;
      }
      source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '{') {
      source += '(?:';
      inGroup = true;
    } else if (char === '}' && inGroup) {
      source += ')';
      inGroup = false;
    } else if (char === ',' && inGroup) source += '|';
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
    index++;
  }
  return new RegExp(`^${source}$`);
}

export function matchesGlob(path: string, pattern: string): boolean {
  const effective = pattern.includes('/') ? pattern : `**/${pattern}`;
  let regexp = cache.get(effective);
  if (!regexp) {
    regexp = toRegExp(effective.startsWith('/') || effective.startsWith('**') ? effective : `**/${effective}`);
    cache.set(effective, regexp);
  }
  return regexp.test(path);
}

export function matchesAnyGlob(path: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchesGlob(path, pattern));
}
