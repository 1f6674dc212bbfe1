/**
 * JSON typed by a person: parsed with a position ("riga 12, colonna 4") and a reason they can act on, in their
 * language. A small checker walks the text first (JSON.parse names only an offset, in English); the value itself
 * comes from JSON.parse.
 */

export type JsonProblemKind =
  | 'empty'
  | 'unexpectedEnd'
  | 'unexpectedChar'
  | 'expectedValue'
  | 'expectedKey'
  | 'expectedColon'
  | 'expectedCommaOrEndObject'
  | 'expectedCommaOrEndArray'
  | 'trailingComma'
  | 'singleQuotes'
  | 'unterminatedString'
  | 'controlInString'
  | 'badEscape'
  | 'badNumber'
  | 'extraText'
  | 'notObject'
  | 'other';

export interface JsonProblem {
  kind: JsonProblemKind;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  /** the character found, when it helps ("}") */
  found?: string;
  /** the engine's own message, for 'other' */
  detail?: string;
}

export type JsonParse = { ok: true; value: Record<string, unknown> } | { ok: false; problem: JsonProblem };

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Stop extends Error {
  constructor(
    readonly kind: JsonProblemKind,
    readonly offset: number,
    readonly found?: string,
  ) {
    super(kind);
  }
}

/** Walks the text as JSON; throws Stop at the first problem. */
function check(text: string): void {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const end = () => i >= text.length;
  const foundAt = (at: number) => text[at];

  const string = () => {
    // at the opening quote
    const start = i;
    i++;
    while (true) {
      if (end()) throw new Stop('unterminatedString', start);
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\n') throw new Stop('unterminatedString', start);
      if (c < ' ') throw new Stop('controlInString', i);
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) throw new Stop('unterminatedString', start);
        if ('"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else throw new Stop('badEscape', i);
        continue;
      }
      i++;
    }
  };

  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || !m[0] || m[0] === '-') throw new Stop('badNumber', i);
    i += m[0].length;
    if (!end() && /[0-9.eE]/.test(text[i]!)) throw new Stop('badNumber', i);
  };

  const value = (): void => {
    ws();
    if (end()) throw new Stop('unexpectedEnd', i);
    const c = text[i]!;
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === "'") throw new Stop('singleQuotes', i);
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    throw new Stop('expectedValue', i, c);
  };

  const object = () => {
    i++; // {
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    let comma = i;
    while (true) {
      ws();
      if (end()) throw new Stop('unexpectedEnd', i);
      if (text[i] === "'") throw new Stop('singleQuotes', i);
      if (text[i] === '}') throw new Stop('trailingComma', comma);
      if (text[i] !== '"') throw new Stop('expectedKey', i, foundAt(i));
      string();
      ws();
      if (end()) throw new Stop('unexpectedEnd', i);
      if (text[i] !== ':') throw new Stop('expectedColon', i, foundAt(i));
      i++;
      value();
      ws();
      if (end()) throw new Stop('unexpectedEnd', i);
      if (text[i] === ',') {
        comma = i;
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      throw new Stop('expectedCommaOrEndObject', i, foundAt(i));
    }
  };

  const array = () => {
    i++; // [
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    let comma = i;
    while (true) {
      ws();
      if (text[i] === ']') throw new Stop('trailingComma', comma);
      value();
      ws();
      if (end()) throw new Stop('unexpectedEnd', i);
      if (text[i] === ',') {
        comma = i;
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      throw new Stop('expectedCommaOrEndArray', i, foundAt(i));
    }
  };

  ws();
  if (end()) throw new Stop('empty', 0);
  if (text[i] !== '{') {
    // a value that is not an object: say so once it is otherwise valid
    value();
    ws();
    if (!end()) throw new Stop('extraText', i, foundAt(i));
    throw new Stop('notObject', 0);
  }
  value();
  ws();
  if (!end()) throw new Stop('extraText', i, foundAt(i));
}

/** Parses a JSON object typed by a person; never throws. */
export function parseJsonObject(text: string): JsonParse {
  try {
    check(text);
  } catch (error) {
    if (error instanceof Stop) return { ok: false, problem: { kind: error.kind, ...position(text, error.offset), found: error.found } };
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: { kind: 'notObject', line: 1, column: 1 } };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    // the checker and the engine disagree (should not happen): the engine's words, with its position if given
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    return { ok: false, problem: { kind: 'other', ...position(text, at ? Number(at[1]) : 0), detail: message } };
  }
}

/** Pretty-printed JSON, two spaces, as the editor shows it. */
export const formatJson = (value: unknown) => JSON.stringify(value, null, 2);
