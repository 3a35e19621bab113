/**
 * A small JSON reader for Falco alerts: it reads one value at an offset and says where it ends, keeps numbers as
 * their source text (event times have 19 digits, more than a double holds) and reports the first problem with its
 * offset instead of throwing.
 */

export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

/** A number as written in the source. */
export class JsonNumber {
  constructor(readonly number: string) {}
}

export type JsonRead = { readonly value: JsonValue; readonly end: number } | { readonly error: string; readonly offset: number };

const MAX_DEPTH = 64;

class JsonProblem {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

export function isJsonNumber(value: JsonValue | undefined): value is JsonNumber {
  return value instanceof JsonNumber;
}

export function isJsonObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isJsonNumber(value);
}

/** Reads the JSON value that starts at `start` (after optional blanks). */
export function readJsonValue(text: string, start: number): JsonRead {
  let position = start;

  const fail = (message: string, offset = position): never => {
    throw new JsonProblem(message, offset);
  };
  const skipBlanks = (): void => {
    while (position < text.length && ' \t\r\n'.includes(text[position]!)) position++;
  };
  const describe = (): string => (position >= text.length ? 'the end of the text' : `'${text[position]}'`);

  const readString = (): string => {
    position++;
    let out = '';
    while (position < text.length) {
      const character = text[position]!;
      if (character === '"') {
        position++;
        return out;
      }
      if (character === '\\') {
        const escape = text[position + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (escape !== undefined && simple[escape] !== undefined) {
          out += simple[escape];
          position += 2;
        } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(position + 2, position + 6))) {
          out += String.fromCharCode(Number.parseInt(text.slice(position + 2, position + 6), 16));
          position += 6;
        } else {
          fail(`invalid escape '\\${escape ?? ''}' in a string`);
        }
      } else if (character === '\n' || character === '\r') {
        fail('a string is not closed before the end of the line');
      } else {
        out += character;
        position++;
      }
    }
    return fail('a string is not closed', start);
  };

  const readValue = (depth: number): JsonValue => {
    skipBlanks();
    if (depth > MAX_DEPTH) fail('the JSON is nested too deeply');
    const character = text[position];
    if (character === '"') return readString();
    if (character === '{') {
      position++;
      const object: { [key: string]: JsonValue } = {};
      skipBlanks();
      if (text[position] === '}') {
        position++;
        return object;
      }
      for (;;) {
        skipBlanks();
        if (text[position] !== '"') fail(`expected a key in double quotes, found ${describe()}`);
        const key = readString();
        skipBlanks();
        if (text[position] !== ':') fail(`expected ':' after the key "${key}", found ${describe()}`);
        position++;
        object[key] = readValue(depth + 1);
        skipBlanks();
        if (text[position] === ',') {
          position++;
          continue;
        }
        if (text[position] === '}') {
          position++;
          return object;
        }
        fail(`expected ',' or '}' in an object, found ${describe()}`);
      }
    }
    if (character === '[') {
      position++;
      const array: JsonValue[] = [];
      skipBlanks();
      if (text[position] === ']') {
        position++;
        return array;
      }
      for (;;) {
        array.push(readValue(depth + 1));
        skipBlanks();
        if (text[position] === ',') {
          position++;
          continue;
        }
        if (text[position] === ']') {
          position++;
          return array;
        }
        fail(`expected ',' or ']' in an array, found ${describe()}`);
      }
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(position, position + 400));
    if (number) {
      position += number[0].length;
      return new JsonNumber(number[0]);
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, position)) {
        position += word.length;
        return value;
      }
    }
    return fail(`expected a JSON value, found ${describe()}`);
  };

  try {
    const value = readValue(0);
    return { value, end: position };
  } catch (error) {
    if (error instanceof JsonProblem) return { error: error.message, offset: error.offset };
    return { error: 'the JSON could not be read', offset: start };
  }
}
