/** Splits an expression into tokens; keeps source offsets for DynamoDB's `near: "…"` syntax-error excerpts. */

export type TokenKind = 'ident' | 'name' | 'value' | 'number' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const PUNCT = ['<>', '<=', '>=', '=', '<', '>', '(', ')', ',', '.', '[', ']', '+', '-'];

function isWordChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

/** Tokenizes; an unexpected character becomes a one-character punct token so the parser reports it in context. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === '#' || c === ':') {
      i++;
      while (i < source.length && isWordChar(source.charAt(i))) i++;
      tokens.push({ kind: c === '#' ? 'name' : 'value', text: source.slice(start, i), start, end: i });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < source.length && /[0-9]/.test(source.charAt(i))) i++;
      // Digits followed by letters form one (invalid as a path) identifier, as `1abc` does in DynamoDB.
      while (i < source.length && isWordChar(source.charAt(i))) i++;
      const text = source.slice(start, i);
      tokens.push({ kind: /^[0-9]+$/.test(text) ? 'number' : 'ident', text, start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < source.length && isWordChar(source.charAt(i))) i++;
      tokens.push({ kind: 'ident', text: source.slice(start, i), start, end: i });
      continue;
    }
    const punct = PUNCT.find((p) => source.startsWith(p, i)) ?? c;
    i += punct.length;
    tokens.push({ kind: 'punct', text: punct, start, end: i });
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: source.length, end: source.length });
  return tokens;
}
